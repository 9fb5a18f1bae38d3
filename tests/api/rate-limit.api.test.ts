import { Role } from '../../src/auth/role';
import { createLogger } from '../../src/infra/logger';
import { RequestLimits } from '../../src/server/rate-limit';
import { capturedLog } from '../support/captured-log';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A budget of requests per key, shared through the database; 429 with Retry-After over it.
 * Requests without a valid key spend their address's budget; behind the trusted proxy of this
 * app (TRUST_PROXY), each test is a client of its own address (X-Forwarded-For).
 */
let app: TestApp;
const { logger, lines } = capturedLog('debug');
beforeAll(async () => {
  app = await startTestApp({ logger, env: { RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'loopback' } });
});
afterAll(async () => {
  await app?.stop();
});

const ask = (key: string) =>
  fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ __typename }' }) });

test('a key over its budget gets 429 with Retry-After; another key is not held back', async () => {
  const answers = [];
  for (let i = 0; i < 6; i++) answers.push(await ask(app.keys.READER));
  expect(answers.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  expect(answers[0]!.headers.get('ratelimit-remaining')).toBe('4');
  const over = answers[5]!;
  expect(over.status).toBe(429);
  const retryAfter = Number(over.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect((await over.json() as any)).toEqual({ errors: [{ message: expect.stringMatching(/^Too many requests: this key may make 5 a minute; try again in \d+ s$/), extensions: { code: 'RATE_LIMITED' } }] });
  expect((await ask(app.keys.DCC)).status).toBe(200);
  // The budget is kept in the database, where every API process reads it; never the key itself.
  const rows: Array<{ key: string }> = await app.db.query(`SELECT key FROM rate_limit`);
  expect(rows.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(rows)).not.toContain(app.keys.READER);
});

test('a query the compiled-read lane answers spends its budget once, also when the lane hands it to the routes, and is refused over budget', async () => {
  const { key } = await app.services.apiKeys.create('lane budget', Role.READER);
  const query = 'query($s: String) { modifications(filter: { search: $s }) { totalCount } }';
  const send = (search: string) =>
    fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables: { s: search } }) });
  const laneAnswers = () => lines.filter((line) => line.msg === 'answered in the compiled-read lane').length;
  const before = laneAnswers();
  // The routes (a text not known yet), the lane, the lane handing on a search the resolvers refuse, the lane twice, then one too many.
  const answers = [];
  for (const search of ['smart', 'smart', 'x'.repeat(301), 'smart', 'smart', 'smart']) answers.push(await send(search));
  expect(answers.slice(0, 5).map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
  expect(laneAnswers()).toBe(before + 3);
  expect(((await answers[2]!.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  const over = answers[5]!;
  expect(over.status).toBe(429);
  expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect((await over.json() as any)).toEqual({ errors: [{ message: expect.stringMatching(/^Too many requests: this key may make 5 a minute; try again in \d+ s$/), extensions: { code: 'RATE_LIMITED' } }] });
});

test('the admin pages, a place to try keys, hold an address to one budget whatever key it sends', async () => {
  // A made-up bearer key on each try must not buy a fresh budget.
  const tryKey = (i: number) =>
    fetch(`${app.url.replace(/\/graphql$/, '')}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer sec_made-up-${i}` },
      body: 'key=sec_guess',
      redirect: 'manual',
    });
  const statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await tryKey(i)).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
});

const fromAddress = (address: string, key: string | null, query = '{ __typename }') =>
  fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });

test('made-up keys buy no budget: one address shares one, and once it is spent a wrong key costs no lookup and no write', async () => {
  const address = '203.0.113.7';
  const told: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    const answer = await fromAddress(address, `sec_made-up-${i}`, '{ modifications(first: 1) { totalCount } }');
    told.push([answer.status, ((await answer.json() as any)).errors[0].extensions.code]);
  }
  // The sixth finds the budget spent (its key is looked up, and refused by the store).
  const sixth = await fromAddress(address, 'sec_made-up-5');
  const rows = async () => (await app.db.query(`SELECT count(*)::int AS n FROM rate_limit`))[0].n as number;
  const rowsBefore = await rows();
  const statementsBefore = app.statements.count;
  const refused = [];
  for (let i = 6; i < 61; i++) refused.push(await fromAddress(address, `sec_made-up-${i}`));
  expect(told).toEqual(Array(5).fill([200, 'UNAUTHENTICATED']));
  expect(sixth.status).toBe(429);
  expect(new Set(refused.map((r) => r.status))).toEqual(new Set([429]));
  expect(await refused[0]!.json()).toEqual({
    errors: [{ message: expect.stringMatching(/^Too many requests: this address, without a valid key, may make 5 a minute; try again in \d+ s$/), extensions: { code: 'RATE_LIMITED' } }],
  });
  // 55 refusals: no key looked up, no budget row written (the count is of the app's own statements).
  expect(app.statements.count - statementsBefore).toBe(0);
  expect(await rows()).toBe(rowsBefore);
  // Requests with no key at all spend the same budget.
  expect((await fromAddress(address, null)).status).toBe(429);
});

test('a valid key keeps its own budget at an address that has spent its own', async () => {
  const address = '203.0.113.8';
  // The key is known to this process already (as after any earlier request with it).
  expect((await fromAddress('203.0.113.9', app.keys.DCC)).status).toBe(200);
  for (let i = 0; i < 6; i++) await fromAddress(address, null);
  expect((await fromAddress(address, 'sec_made-up')).status).toBe(429);
  const answer = await fromAddress(address, app.keys.DCC);
  expect(answer.status).toBe(200);
  expect((await answer.json() as any)).toEqual({ data: { __typename: 'Query' } });
});

test('spent budgets are deleted once their minute is over; live ones stay', async () => {
  const now = Date.now();
  await app.db.query(`INSERT INTO rate_limit (key, points, expire) VALUES ('api:ip:198.51.100.1', 3, $1), ('api:ip:198.51.100.2', 2, $2)`, [now - 1_000, now + 50_000]);
  const limits = new RequestLimits(app.db, app.services, 5, createLogger('silent'));
  try {
    expect(await limits.purgeExpired()).toBeGreaterThanOrEqual(1);
  } finally {
    limits.stop();
  }
  const left: Array<{ key: string }> = await app.db.query(`SELECT key FROM rate_limit WHERE key LIKE 'api:ip:198.51.100.%' ORDER BY key`);
  expect(left.map((r) => r.key)).toEqual(['api:ip:198.51.100.2']);
});
