import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/infra/database/data-source';
import { createLogger } from '../../src/infra/logger';
import { LeasedBudgets } from '../../src/server/budgets/leased-budgets';
import { RedisBudgets } from '../../src/server/budgets/redis-budgets';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';

/**
 * The two stores of the per-minute budgets, each as two API processes would use it (two
 * instances on one store): the budget holds across both, the point past it is refused with the
 * time to wait, and PostgreSQL is written a chunk at a time, not a request at a time.
 */
let database: TestDatabase;
let db: DataSource;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url, poolSize: 4 });
  await db.initialize();
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** The store's statements, counted: what a process asks of PostgreSQL. */
function counting(source: DataSource) {
  const counted = { statements: 0, query: (sql: string, params?: unknown[]) => (counted.statements++, source.query(sql, params)) };
  return counted;
}

test('PostgreSQL, leased: two processes share 600 a minute; the 601st point is refused in both; 600 requests cost 20 writes, not 600', async () => {
  const [a, b] = [counting(db), counting(db)];
  const first = new LeasedBudgets(a, 600);
  const second = new LeasedBudgets(b, 600);
  const who = `key:${randomBytes(6).toString('hex')}`;
  const answers = [];
  for (let i = 0; i < 300; i++) answers.push(await first.spend(who), await second.spend(who));
  expect(answers.every((x) => 'remaining' in x)).toBe(true);
  const past = [await first.spend(who), await second.spend(who)];
  for (const refused of past) {
    expect(refused).toEqual({ retryInMs: expect.any(Number) });
    expect((refused as { retryInMs: number }).retryInMs).toBeGreaterThan(0);
    expect((refused as { retryInMs: number }).retryInMs).toBeLessThanOrEqual(60_000);
  }
  // 30 points a lease: ten leases each for 600 points, and one more each to learn the budget is spent.
  expect(a.statements + b.statements).toBe(22);
  // Refused from memory from then on: no statement.
  for (let i = 0; i < 50; i++) await first.spend(who);
  expect(a.statements).toBe(11);
  const [row] = await db.query(`SELECT points FROM rate_limit WHERE key = $1`, [`api:${who}`]);
  expect(row.points).toBeGreaterThanOrEqual(600);
});

test('PostgreSQL, leased: a small budget is exact (a lease of one point), and says what is left', async () => {
  const store = new LeasedBudgets(db, 5);
  const who = `key:${randomBytes(6).toString('hex')}`;
  const answers = [];
  for (let i = 0; i < 6; i++) answers.push(await store.spend(who));
  expect(answers.slice(0, 5)).toEqual([4, 3, 2, 1, 0].map((remaining) => ({ remaining })));
  expect(answers[5]).toEqual({ retryInMs: expect.any(Number) });
});

test('PostgreSQL, leased: requests at once in one process take one lease between them', async () => {
  const counted = counting(db);
  const store = new LeasedBudgets(counted, 600);
  const who = `key:${randomBytes(6).toString('hex')}`;
  const answers = await Promise.all(Array.from({ length: 30 }, () => store.spend(who)));
  expect(answers.every((x) => 'remaining' in x)).toBe(true);
  expect(counted.statements).toBe(1);
});

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const withRedis = process.env.TEST_REDIS_AVAILABLE === 'true' ? test : test.skip;

withRedis('Redis: two processes share 5 a minute, the sixth point is refused in both, and PostgreSQL is not written', async () => {
  const prefix = `sec-tracker-test-${randomBytes(4).toString('hex')}`;
  const first = new RedisBudgets(redisUrl, 5, createLogger('silent'), prefix);
  const second = new RedisBudgets(redisUrl, 5, createLogger('silent'), prefix);
  try {
    const who = 'key:redis-test';
    const rowsBefore = (await db.query(`SELECT count(*)::int AS n FROM rate_limit`))[0].n;
    const answers = [await first.spend(who), await second.spend(who), await first.spend(who), await second.spend(who), await first.spend(who)];
    expect(answers).toEqual([4, 3, 2, 1, 0].map((remaining) => ({ remaining })));
    expect(await second.spend(who)).toEqual({ retryInMs: expect.any(Number) });
    expect(await first.spend(who)).toEqual({ retryInMs: expect.any(Number) });
    expect((await db.query(`SELECT count(*)::int AS n FROM rate_limit`))[0].n).toBe(rowsBefore);
  } finally {
    await first.close();
    await second.close();
  }
});
