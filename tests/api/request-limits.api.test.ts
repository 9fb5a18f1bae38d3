import { captureLogger } from '../jobs/support/capture-logger';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 8, "one request stalls everybody" and "bad bodies": what a careless or hostile request
 * meets before any resolver runs.
 */
let app: TestApp;
const { logger, lines } = captureLogger();
const ORIGIN = 'https://panel-app.example.org';

beforeAll(async () => {
  app = await startTestApp({ logger, env: { CORS_ORIGINS: `${ORIGIN},https://other.example.org` } });
});
afterAll(async () => {
  await app?.stop();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.keys.READER}`, ...headers }, body });

/** releases { modifications { targetRelease { modifications … } } }, `levels` fields deep. */
function deepQuery(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels - 1; i++) inner = i % 2 === 0 ? `modifications { ${inner} }` : `targetRelease { ${inner} }`;
  return `{ releases { ${inner} } }`;
}

/** SQL statements a request costs (the key is checked at its first use, then kept: warm it first). */
async function statementsOf(query: string): Promise<{ status: number; body: any; statements: number }> {
  const before = app.statements.count;
  const res = await post(JSON.stringify({ query }));
  const body = (await res.json() as any);
  return { status: res.status, body, statements: app.statements.count - before };
}

test('a query 17 levels deep is refused before any resolver runs, naming the limit', async () => {
  expect((await statementsOf('{ __typename }')).status).toBe(200);
  const deep = await statementsOf(deepQuery(17));
  expect(deep.status).toBe(400);
  expect(deep.body.data).toBeUndefined();
  expect(deep.body.errors[0]).toMatchObject({ message: expect.stringMatching(/depth limit of 12/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  expect(deep.statements).toBe(0);
});

test('500 aliases of a 500-row page are refused before any resolver runs; so are 31', async () => {
  expect((await statementsOf('{ __typename }')).status).toBe(200);
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: modifications(first: 500) { totalCount }`).join(' ');
  // 500 of them are more tokens than a document may hold: refused as it is parsed (graphql-js's words, typo included).
  const many = await statementsOf(`{ ${aliases(500)} }`);
  expect(many.status).toBe(400);
  expect(many.body.errors[0]).toMatchObject({ message: expect.stringContaining('contains more that 5000 tokens'), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  expect(many.statements).toBe(0);
  const fewer = await statementsOf(`{ ${aliases(31)} }`);
  expect(fewer.status).toBe(400);
  expect(fewer.body.errors[0]).toMatchObject({ message: expect.stringMatching(/aliases limit of 30/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  expect(fewer.statements).toBe(0);
});

test('cost counts a page by its first, variables included: a big page with nested lists is refused, a normal one runs', async () => {
  const query = 'query($n: Int) { modifications(first: $n) { edges { node { reference assessments { id pauses { from } } meetings { agenda { reference } } } } } }';
  const big = await post(JSON.stringify({ query, variables: { n: 500 } }));
  expect(big.status).toBe(400);
  const refused = (await big.json() as any);
  expect(refused.errors[0]).toMatchObject({ message: expect.stringMatching(/^This query would cost \d+, over the limit of 50000/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', maxCost: 50000 } });
  const normal = await post(JSON.stringify({ query, variables: { n: 20 } }));
  expect(normal.status).toBe(200);
  expect(((await normal.json() as any)).data.modifications.edges).toEqual([]);
});

test('while refused queries arrive, a normal query beside them is answered', async () => {
  const [deep, normal] = await Promise.all([post(JSON.stringify({ query: deepQuery(17) })), post(JSON.stringify({ query: '{ releases { name } }' }))]);
  expect(deep.status).toBe(400);
  expect(normal.status).toBe(200);
  expect((await normal.json() as any)).toEqual({ data: { releases: [] } });
});

test('a subscription is a client error, not an internal one', async () => {
  const res = await post(JSON.stringify({ query: 'subscription { x }' }));
  expect(res.status).toBe(400);
  expect(((await res.json() as any)).errors[0]).toMatchObject({ message: expect.stringContaining('Subscriptions are not supported'), extensions: { code: 'BAD_REQUEST' } });
});

test('field suggestions help a caller with a key, and say nothing of the schema to one without', async () => {
  const withKey = await (await post(JSON.stringify({ query: '{ modificatons { totalCount } }' }))).json() as any;
  expect(withKey.errors[0].message).toContain('Did you mean "modifications" or "modification"?');
  const without = await (await post(JSON.stringify({ query: '{ modificatons { totalCount } }' }), { authorization: '' })).json() as any;
  expect(without.errors[0].message).toBe('Cannot query field "modificatons" on type "Query".');
});

describe('bodies GraphQL cannot read', () => {
  test('malformed JSON: 400 in GraphQL\'s error shape, no stack, logged without the body', async () => {
    const res = await post('{"query": "{ releases { name } }", "variables": {"password": "hunter2-secret"');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await res.json() as any)).toEqual({ errors: [{ message: 'The body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    const logged = lines.filter((l) => l.msg === 'a request body was refused');
    expect(logged.at(-1)).toMatchObject({ type: 'entity.parse.failed', status: 400 });
    expect(JSON.stringify(lines)).not.toContain('hunter2-secret');
  });

  test('an oversized body: 413', async () => {
    const res = await post(JSON.stringify({ query: '{ releases { name } }', variables: { pad: 'x'.repeat(1_100_000) } }));
    expect(res.status).toBe(413);
    expect((await res.json() as any)).toEqual({ errors: [{ message: 'The body is larger than this API reads (1000000 bytes)', extensions: { code: 'BAD_REQUEST' } }] });
  });

  test('a body that is not JSON: 415', async () => {
    const res = await post('query { releases { name } }', { 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(((await res.json() as any)).errors[0]).toMatchObject({ message: expect.stringContaining('Content-Type: application/json'), extensions: { code: 'BAD_REQUEST' } });
  });
});

test('CORS: the configured origins may call from a browser, others may not; no X-Powered-By', async () => {
  const preflight = (origin: string) =>
    fetch(app.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
  const allowed = await preflight(ORIGIN);
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-request-id');
  const other = await preflight('https://evil.example.com');
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  const res = await post(JSON.stringify({ query: '{ __typename }' }), { origin: ORIGIN });
  expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  expect(res.headers.get('x-powered-by')).toBeNull();
});
