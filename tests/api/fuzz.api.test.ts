import path from 'node:path';
import {
  type GraphQLField, type GraphQLInputType, type GraphQLSchema, getNamedType, isEnumType, isInputObjectType, isLeafType,
  isListType, isNonNullType, isObjectType, isScalarType,
} from 'graphql';
import { buildAppSchema } from '../../src/graphql/schema';
import { importRegisterFile } from '../../src/register-import';
import { seededRandom } from '../support/seeded-random';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 8: a seeded fuzz test over every operation of the schema. Each call is well-typed enough
 * to reach its resolver (as ADMIN), with values chosen to break the register's rules: empty and
 * enormous strings, references that exist in another case or not at all, dates at the ends of
 * the calendar, negative and huge numbers, enum values out of place. No answer may be an
 * internal error, and a refused mutation may change nothing. The seed makes every run the same.
 */
const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');
const SEED = 20260408;
const VARIANTS = 40;

let app: TestApp;
let schema: GraphQLSchema;
beforeAll(async () => {
  app = await startTestApp();
  schema = await buildAppSchema();
  await importRegisterFile(testServiceContext(app.db), DEMO);
});
afterAll(async () => {
  await app?.stop();
});

const STRINGS = ['', ' ', 'MP107', 'mp107', 'DP153', 'SECMP0015', 'MP9999', 'x'.repeat(5_000), "'; DROP TABLE modification; --", '\u0000', '日本語', 'MP107 ', '2021-04-09', 'not-a-uuid', '00000000-0000-4000-8000-000000000000', 'CR1352', 'June 2021 SEC Release', 'SECAS', 'a@b', '2021-13',
  // Lone UTF-16 surrogates: valid JSON (\ud800), no valid text.
  'MP1\ud80007', 'ops\udc00@dcc.test', '\udfff'];
const DATES = ['2021-04-09', '2021-04-05', '2021-12-25', '1999-01-01', '2100-12-31', '2021-02-28', '2020-02-29', '2021-04-10'];
const INTS = [0, -1, 1, 15, 40, 500, 501, 2_147_483_647, -2_147_483_648];

function fuzzValue(type: GraphQLInputType, pick: <T>(xs: readonly T[]) => T, depth = 0): unknown {
  if (isNonNullType(type)) return fuzzValue(type.ofType, pick, depth);
  if (pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) === 0) return null;
  if (isListType(type)) return Array.from({ length: pick([0, 1, 2, 3]) }, () => fuzzValue(type.ofType, pick, depth + 1));
  if (isEnumType(type)) return pick(type.getValues()).value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    // Required fields always (or the call would not type-check and never reach a resolver), others sometimes.
    return Object.fromEntries(fields.filter((f) => isNonNullType(f.type) || pick([true, false])).map((f) => [f.name, fuzzValue(f.type, pick, depth + 1)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'LocalDate': return pick(DATES);
      case 'DateTime': return pick(['2021-04-09T09:00:00Z', '2030-01-01T00:00:00Z', '1970-01-01T00:00:00Z']);
      case 'Int': return pick(INTS);
      case 'Float': return pick([0, -1.5, 1e300]);
      case 'Boolean': return pick([true, false]);
      case 'JSONObject': return {};
      default: return pick(STRINGS);
    }
  }
  throw new Error(`no fuzz for ${String(type)}`);
}

/** A selection of the field's leaves (a shallow one: the fuzz is about arguments). */
function selection(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named)) return ' { __typename }';
  const leaves = Object.values(named.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)));
  return ` { __typename ${leaves.slice(0, 6).map((f) => f.name).join(' ')} }`;
}

async function fingerprint(): Promise<string> {
  const [{ f }] = await app.db.query(
    `SELECT md5(string_agg(t, '|' ORDER BY t)) AS f FROM (
       SELECT t::text AS t FROM modification t UNION ALL SELECT t::text FROM phase_change t UNION ALL SELECT t::text FROM assessment t
       UNION ALL SELECT t::text FROM assessment_pause t UNION ALL SELECT t::text FROM meeting t UNION ALL SELECT t::text FROM agenda_item t
       UNION ALL SELECT t::text FROM consultation t UNION ALL SELECT t::text FROM decision t UNION ALL SELECT t::text FROM release t
       UNION ALL SELECT t::text FROM work_package t UNION ALL SELECT t::text FROM holiday t UNION ALL SELECT t::text FROM modification_dependency t
       UNION ALL SELECT t::text FROM modification_former_reference t UNION ALL SELECT t::text FROM recipient_group t UNION ALL SELECT t::text FROM report t
       UNION ALL SELECT (to_jsonb(t) - 'last_used_at')::text FROM api_key t UNION ALL SELECT t::text FROM audit_log t) all_rows`,
  );
  return f;
}

test(`${VARIANTS} seeded calls of every query and mutation: no internal error, and a refused mutation changes nothing`, async () => {
  const pick = (() => {
    const random = seededRandom(SEED);
    return <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  })();
  const internal: string[] = [];
  const changedByRefusal: string[] = [];
  let calls = 0;
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
    for (const field of Object.values(root.getFields())) {
      for (let i = 0; i < VARIANTS; i++) {
        const vars = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
        const call = field.args.length ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
        const document = `${kind}${vars ? `(${vars})` : ''} { ${field.name}${call}${selection(field)} }`;
        const variables = Object.fromEntries(field.args.map((a) => [a.name, fuzzValue(a.type, pick)]));
        const before = kind === 'mutation' ? await fingerprint() : '';
        const res = await app.gql(document, variables);
        calls += 1;
        const codes = (res.errors ?? []).map((e) => e.extensions?.code);
        if (res.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) internal.push(`${field.name} ${JSON.stringify(variables).slice(0, 300)} -> ${res.status} ${JSON.stringify(res.errors).slice(0, 300)}`);
        if (kind === 'mutation' && res.errors?.length && (await fingerprint()) !== before) changedByRefusal.push(`${field.name} ${JSON.stringify(variables).slice(0, 300)}`);
      }
    }
  }
  expect(calls).toBeGreaterThan(1_500);
  expect(internal).toEqual([]);
  expect(changedByRefusal).toEqual([]);
});
