import { type AfterQueryEvent, type BeforeQueryEvent, type DataSource, QueryFailedError } from 'typeorm';
import { createDataSource } from '../../src/infra/database/data-source';
import { prepared } from '../../src/infra/database/prepared-statements';
import { readStatement } from '../../src/infra/database/read-statement';
import { TimeBudgetExceeded } from '../../src/infra/database/time-budget';
import { pastTimeBudget } from '../support/past-time-budget';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';

/**
 * A compiled read's statement goes to the pool without TypeORM's query runner: what it answers, and
 * what the logger and the subscribers hear of it (tests and benchmarks count statements so, and
 * the time budget refuses them there), must be what db.query gives.
 */
let database: TestDatabase;
let db: DataSource;
const logged: string[] = [];
const heard: Array<{ before?: BeforeQueryEvent; after?: AfterQueryEvent }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({
    url: database.url,
    poolSize: 1,
    preparedStatements: 2,
    logger: { logQuery: (query) => void logged.push(query), logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined },
  });
  await db.initialize();
  db.subscribers.push({
    beforeQuery: (before: BeforeQueryEvent) => void heard.push({ before }),
    afterQuery: (after: AfterQueryEvent) => void heard.push({ after }),
  });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});
beforeEach(() => {
  logged.length = 0;
  heard.length = 0;
});

test('it answers the rows db.query answers, and a marked statement is prepared', async () => {
  const sql = prepared(`SELECT $1::int * 2 AS twice, 'x'::text AS word`);
  expect(await readStatement(db, sql, [21])).toEqual(await db.query(sql, [21]));
  expect(await readStatement(db, sql, [4])).toEqual([{ twice: 8, word: 'x' }]);
  expect(await db.query(`SELECT statement FROM pg_prepared_statements`)).toEqual([{ statement: sql }]);
});

test('the logger hears it, then the subscribers before and after, with its parameters, time and outcome', async () => {
  await readStatement(db, `SELECT $1::text AS said`, ['hello']);
  expect(logged).toEqual([`SELECT $1::text AS said`]);
  expect(heard.map((h) => (h.before ? 'before' : 'after'))).toEqual(['before', 'after']);
  expect(heard[0]!.before).toMatchObject({ query: `SELECT $1::text AS said`, parameters: ['hello'] });
  expect(heard[0]!.before!.connection).toBe(db);
  expect(heard[1]!.after).toMatchObject({ query: `SELECT $1::text AS said`, parameters: ['hello'], success: true });
  expect(heard[1]!.after!.executionTime).toBeGreaterThanOrEqual(0);
});

test("a failed statement is TypeORM's QueryFailedError around PostgreSQL's, and the subscribers hear it failed", async () => {
  const [{ pid }] = await readStatement<{ pid: number }>(db, `SELECT pg_backend_pid() AS pid`, []);
  const failed = await readStatement(db, `SELECT 1 / $1::int AS n`, [0]).catch((err: unknown) => err);
  expect(failed).toBeInstanceOf(QueryFailedError);
  expect((failed as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('22012');
  expect(heard.at(-1)!.after).toMatchObject({ success: false });
  // The connection went back to the pool (a pool of one) and stays open, its prepared statements with it.
  expect(await readStatement(db, `SELECT pg_backend_pid() AS pid`, [])).toEqual([{ pid }]);
});

test('a request past its time budget sends no statement', async () => {
  await expect(pastTimeBudget(() => readStatement(db, `SELECT 1 AS one`, []))).rejects.toBeInstanceOf(TimeBudgetExceeded);
  // The time budget's subscriber, first of them, refused it: the others heard nothing, as nothing ran.
  expect(heard).toEqual([]);
  // The connection it had checked out went back: the next statement answers on the pool of one.
  expect(await readStatement(db, `SELECT 1 AS one`, [])).toEqual([{ one: 1 }]);
});
