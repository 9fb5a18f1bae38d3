import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/infra/database/data-source';
import { prepared } from '../../src/infra/database/prepared-statements';
import { TimeBudgetExceeded } from '../../src/infra/database/time-budget';
import { pastTimeBudget } from '../support/past-time-budget';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';

/**
 * Statements marked `prepared` are planned once per connection and kept (pg_prepared_statements is
 * a connection's own: a pool of one connection shows it), up to the pool's number of them; the
 * rest run as before. Either way a statement answers the same, and is the time budget's to refuse.
 */
let database: TestDatabase;
const pools: DataSource[] = [];
async function pool(preparedStatements: number): Promise<DataSource> {
  const db = createDataSource({ url: database.url, poolSize: 1, preparedStatements });
  await db.initialize();
  pools.push(db);
  return db;
}
const keptBy = async (db: DataSource): Promise<string[]> =>
  (await db.query(`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`)).map((r: { statement: string }) => r.statement);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const db of pools) await db.destroy();
  await database?.drop();
});

test('a marked statement is prepared once and kept, and answers as it would unprepared; an unmarked one is not kept', async () => {
  const db = await pool(2);
  const sql = `SELECT $1::int * 2 AS twice`;
  expect(await db.query(prepared(sql), [21])).toEqual([{ twice: 42 }]);
  expect(await db.query(prepared(sql), [5])).toEqual([{ twice: 10 }]);
  expect(await db.query(`SELECT $1::text AS plain`, ['x'])).toEqual([{ plain: 'x' }]);
  expect(await keptBy(db)).toEqual([prepared(sql)]);
});

test('no more different statements are kept than the pool is given; the others still answer', async () => {
  const db = await pool(2);
  for (const n of [1, 2, 3, 1, 3]) expect(await db.query(prepared(`SELECT ${n} + $1::int AS n`), [1])).toEqual([{ n: n + 1 }]);
  expect(await keptBy(db)).toEqual([prepared(`SELECT 1 + $1::int AS n`), prepared(`SELECT 2 + $1::int AS n`)]);
});

test('statements alike in length and end are told apart: each is prepared as itself and answers its own', async () => {
  const db = await pool(3);
  // The names are found by a text's length and end first (prepared-statements.ts): these share both.
  const tail = ` AS n /* ${'the same end '.repeat(8)}*/`;
  const one = prepared(`SELECT 1 + $1::int${tail}`);
  const two = prepared(`SELECT 2 + $1::int${tail}`);
  for (const [sql, n] of [[one, 2], [two, 3], [one, 2], [two, 3]] as const) expect(await db.query(sql, [1])).toEqual([{ n }]);
  expect(await keptBy(db)).toEqual([one, two]);
});

test('with none to keep, nothing is prepared', async () => {
  const db = await pool(0);
  expect(await db.query(prepared(`SELECT $1::int AS n`), [7])).toEqual([{ n: 7 }]);
  expect(await keptBy(db)).toEqual([]);
});

test('a prepared statement that fails is reported as any other, and a request past its time budget sends none', async () => {
  const db = await pool(2);
  await expect(db.query(prepared(`SELECT 1 / $1::int AS n`), [0])).rejects.toThrow(/division by zero/);
  expect(await db.query(prepared(`SELECT 1 / $1::int AS n`), [1])).toEqual([{ n: 1 }]);
  await expect(pastTimeBudget(() => db.query(prepared(`SELECT 1 / $1::int AS n`), [1]))).rejects.toBeInstanceOf(TimeBudgetExceeded);
});
