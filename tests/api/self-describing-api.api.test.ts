import { getIntrospectionQuery } from 'graphql';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The API explains itself to those it serves: introspection for callers with a valid key (in
 * every environment, whatever NODE_ENV says) and nobody else, or for nobody when configuration
 * turns it off; complete Relay page info; `first: 0` answered.
 */
const INTROSPECT = `{ __schema { queryType { name } } }`;

describe.each(['production', 'development'])('NODE_ENV=%s', (nodeEnv) => {
  let app: TestApp;
  const before = process.env.NODE_ENV;
  beforeAll(async () => {
    process.env.NODE_ENV = nodeEnv;
    app = await startTestApp();
  });
  afterAll(async () => {
    process.env.NODE_ENV = before;
    await app?.stop();
  });

  test('introspection answers a valid key of any role, and refuses no key or a wrong one', async () => {
    for (const role of ['ADMIN', 'DCC', 'READER'] as const) {
      expect(await app.gql(INTROSPECT, undefined, app.keys[role])).toEqual({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
    }
    const full = await app.gql(getIntrospectionQuery(), undefined, app.keys.READER);
    expect(full.errors).toBeUndefined();
    for (const key of [null, 'sec_made-up']) {
      const refused = await app.gql(`query { __type(name: "Modification") { name } }`, undefined, key);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/^Introspection answers callers with a valid API key/) });
    }
    // An answer's own __typename is no introspection.
    expect((await app.gql(`{ __typename }`, undefined, null)).data).toEqual({ __typename: 'Query' });
  });
});

describe('GRAPHQL_INTROSPECTION=false', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPHQL_INTROSPECTION: 'false' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('introspection answers nobody, not even an admin', async () => {
    const refused = await app.gql(`fragment F on Query { __schema { types { name } } } { ...F }`);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/^Introspection is turned off on this service/) });
  });
});

describe('pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    for (const reference of ['DP801', 'DP802', 'DP803']) {
      await app.gql(`mutation($r: String!) { createModification(input: { reference: $r, kind: DRAFT_PROPOSAL, title: "Paging" }) { id } }`, { r: reference });
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  const PAGE = `query($first: Int, $after: String) { modifications(first: $first, after: $after) {
    totalCount edges { cursor node { reference } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

  test('page info is Relay\'s whole: where the page starts and ends, and whether pages lie before and after it', async () => {
    for (const compiled of [true, false]) {
      // The resolvers answer the same page when a field the compiled read does not know is asked for too.
      const query = compiled ? PAGE : PAGE.replace('node { reference }', 'node { reference __typename }');
      const first = (await app.gql(query, { first: 2 })).data!.modifications;
      expect(first.edges.map((e: { node: { reference: string } }) => e.node.reference)).toEqual(['DP801', 'DP802']);
      expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[1].cursor });
      const last = (await app.gql(query, { first: 2, after: first.pageInfo.endCursor })).data!.modifications;
      expect(last.edges.map((e: { node: { reference: string } }) => e.node.reference)).toEqual(['DP803']);
      expect(last.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: last.edges[0].cursor, endCursor: last.edges[0].cursor });
    }
  });

  test('first: 0 answers the count and whether there is anything, with no rows; a negative first is BAD_USER_INPUT', async () => {
    expect((await app.gql(PAGE, { first: 0 })).data!.modifications).toEqual({
      totalCount: 3, edges: [], pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
    for (const list of ['modifications', 'assessments', 'messages']) {
      const res = await app.gql(`{ ${list}(first: 0) { totalCount edges { cursor } } }`);
      expect([list, res.errors, res.data![list].edges]).toEqual([list, undefined, []]);
    }
    expect((await app.gql(PAGE, { first: -1 })).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: 'first must be between 0 and 500; got -1' });
  });
});
