import {
  type GraphQLArgument, type GraphQLInputType, type GraphQLSchema, getNamedType, isEnumType, isInputObjectType,
  isListType, isNonNullType, isObjectType, isScalarType,
} from 'graphql';
import { Role } from '../../src/auth/role';
import { allowedRoles } from '../../src/graphql/access';
import { buildAppSchema } from '../../src/graphql/schema';
import { snapshot } from '../support/db-snapshot';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let schema: GraphQLSchema;
beforeAll(async () => {
  app = await startTestApp();
  schema = await buildAppSchema();
  await app.gql(`mutation { createModification(input: { reference: "MP107", title: "Existing", kind: MODIFICATION_PROPOSAL }) { id } }`);
});
afterAll(async () => { await app.stop(); });

/** A well-typed value for an argument, so that only access decides the answer. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'LocalDate': return '2021-04-09';
      case 'DateTime': return '2030-01-01T00:00:00.000Z';
      case 'Int': return 1;
      case 'Float': return 1.5;
      case 'Boolean': return true;
      case 'ID': return '00000000-0000-4000-8000-000000000000';
      default: return 'MP107';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

function operation(kind: 'query' | 'mutation', name: string, args: readonly GraphQLArgument[], returnsObject: boolean) {
  const vars = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const document = `${kind}${vars ? `(${vars})` : ''} { ${name}${call}${returnsObject ? ' { __typename }' : ''} }`;
  const variables = Object.fromEntries(args.map((a) => [a.name, sample(a.type)]));
  return { document, variables };
}

function operations(kind: 'query' | 'mutation') {
  const type = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  return Object.values(type.getFields()).map((f) => ({
    name: f.name,
    roles: allowedRoles(schema, type.name, f.name) ?? [],
    ...operation(kind, f.name, f.args, isObjectType(getNamedType(f.type))),
  }));
}

/** The mutations any key may call: each acts on what the caller's own key owns. */
const READER_MUTATIONS = ['createCalendarFeed', 'revokeCalendarFeed'];

test('every mutation refuses a missing key, a wrong key and a role it does not allow, and changes nothing', async () => {
  const before = await snapshot(app.db);
  const mutations = operations('mutation');
  expect(mutations.length).toBeGreaterThanOrEqual(20);
  // A READER may call exactly these; a new mutation open to READER fails here until it is listed.
  expect(mutations.filter((m) => m.roles.includes(Role.READER)).map((m) => m.name).sort()).toEqual(READER_MUTATIONS);
  for (const m of mutations) {
    const none = await app.gql(m.document, m.variables, null);
    expect([m.name, none.errors?.[0].extensions?.code]).toEqual([m.name, 'UNAUTHENTICATED']);
    const wrong = await app.gql(m.document, m.variables, 'sec_not-a-real-key');
    expect([m.name, wrong.errors?.[0].extensions?.code, wrong.errors?.[0].message]).toEqual([m.name, 'UNAUTHENTICATED', 'The API key is not valid (unknown, revoked or expired), or not sent as "Authorization: Bearer <key>"']);
    if (m.roles.includes(Role.READER)) continue;
    const reader = await app.gql(m.document, m.variables, app.keys.READER);
    expect([m.name, reader.errors?.[0].extensions?.code]).toEqual([m.name, 'FORBIDDEN']);
    if (!m.roles.includes(Role.DCC)) {
      const dcc = await app.gql(m.document, m.variables, app.keys.DCC);
      expect([m.name, dcc.errors?.[0].extensions?.code]).toEqual([m.name, 'FORBIDDEN']);
    }
  }
  expect(await snapshot(app.db)).toEqual(before);
});

test('every query needs a key, and a READER may read', async () => {
  for (const q of operations('query')) {
    const none = await app.gql(q.document, q.variables, null);
    expect([q.name, none.errors?.[0].extensions?.code]).toEqual([q.name, 'UNAUTHENTICATED']);
    if (q.roles.includes(Role.READER)) {
      const reader = await app.gql(q.document, q.variables, app.keys.READER);
      const code = reader.errors?.[0].extensions?.code;
      expect([q.name, code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || code === 'INTERNAL_SERVER_ERROR']).toEqual([q.name, false]);
    }
  }
});

test('the DCC works assessments but cannot create proposals', async () => {
  const requested = await app.gql(`mutation { requestAssessment(input: { modification: "MP107", type: IMPACT, requestedOn: "2020-11-20" }) { id } }`);
  const id = requested.data!.requestAssessment.id;
  const accepted = await app.gql(`mutation($id: ID!) { acceptAssessment(id: $id, acceptedOn: "2020-12-01") { acceptedOn } }`, { id }, app.keys.DCC);
  expect(accepted.data).toEqual({ acceptAssessment: { acceptedOn: '2020-12-01' } });
  const create = await app.gql(`mutation { createModification(input: { reference: "MP999", title: "x", kind: MODIFICATION_PROPOSAL }) { id } }`, {}, app.keys.DCC);
  expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(create.errors?.[0].message).toBe('createModification needs the role ADMIN; this key has DCC');
});

test('a revoked key is refused', async () => {
  const { key, id } = await app.services.apiKeys.create('soon revoked', Role.ADMIN);
  expect((await app.gql(`{ isWorkingDay(date: "2021-04-09") }`, {}, key)).data).toEqual({ isWorkingDay: true });
  await app.db.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [id]);
  expect((await app.gql(`{ isWorkingDay(date: "2021-04-09") }`, {}, key)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});
