import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 8: a budget of requests per key, shared through the database; 429 with Retry-After over it. */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
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
  expect(await over.json()).toEqual({ errors: [{ message: expect.stringMatching(/^Too many requests: this key may make 5 a minute; try again in \d+ s$/), extensions: { code: 'RATE_LIMITED' } }] });
  expect((await ask(app.keys.DCC)).status).toBe(200);
  // The budget is kept in the database, where every API process reads it; never the key itself.
  const rows: Array<{ key: string }> = await app.db.query(`SELECT key FROM rate_limit`);
  expect(rows.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(rows)).not.toContain(app.keys.READER);
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
