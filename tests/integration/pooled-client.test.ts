import { Pool } from 'pg';
import { pooledClient } from '../../src/infra/database/pooled-client';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';

/**
 * The pool's client answers a statement sent without a callback through pg's callback form (the
 * reason, memory kept past the young generation, is bench:api's to show): to its callers it must
 * be pg's promise form still, in every way they can see.
 */
let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new Pool({ connectionString: database.url, max: 1, Client: pooledClient(2) });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function withClient<T>(fn: (client: InstanceType<ReturnType<typeof pooledClient>>) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

test("without a callback a statement answers with a promise of pg's result, by text or by config", async () => {
  await withClient(async (client) => {
    const byText = await client.query(`SELECT $1::int * 2 AS twice`, [21]);
    expect(byText.rows).toEqual([{ twice: 42 }]);
    expect(byText.rowCount).toBe(1);
    const config = { text: `SELECT $1::text AS word`, values: ['kept'], rowMode: 'array' as const };
    expect((await client.query(config)).rows).toEqual([['kept']]);
    // The callback goes on pg's copy of the config, not on the caller's.
    expect(config).toEqual({ text: `SELECT $1::text AS word`, values: ['kept'], rowMode: 'array' });
  });
});

test("a statement that fails rejects with PostgreSQL's error, its stack leading back to the caller", async () => {
  const failed = await withClient((client) => client.query(`SELECT 1 / $1::int AS n`, [0]).catch((err: unknown) => err));
  expect(failed).toBeInstanceOf(Error);
  expect((failed as Error & { code?: string }).code).toBe('22012');
  expect((failed as Error).message).toMatch(/division by zero/);
  // As pg's own promise form does it: the stack of the socket's read says nothing of who asked.
  expect((failed as Error).stack).toContain('pooled-client.test.ts');
  // The connection goes on answering.
  expect((await withClient((client) => client.query(`SELECT 1 AS one`))).rows).toEqual([{ one: 1 }]);
});

test("the callback forms are pg's own, and marked statements are still prepared", async () => {
  await withClient(async (client) => {
    const viaCallback = await new Promise((resolve, reject) => client.query(`SELECT 7 AS n`, (err: Error | null, res: { rows: unknown[] }) => (err ? reject(err) : resolve(res.rows))));
    expect(viaCallback).toEqual([{ n: 7 }]);
    const withValues = await new Promise((resolve, reject) => client.query(`SELECT $1::int AS n`, [8], (err: Error | null, res: { rows: unknown[] }) => (err ? reject(err) : resolve(res.rows))));
    expect(withValues).toEqual([{ n: 8 }]);
    const marked = `/* prepared */ SELECT $1::int + 1 AS n`;
    expect((await client.query(marked, [1])).rows).toEqual([{ n: 2 }]);
    const kept = await client.query(`SELECT statement FROM pg_prepared_statements`);
    expect(kept.rows).toEqual([{ statement: marked }]);
  });
  // pg-pool's own query passes a callback: answered as before.
  expect((await pool.query(`SELECT 'pool' AS via`)).rows).toEqual([{ via: 'pool' }]);
  await withClient(async (client) => {
    // A config with its own callback is answered through it, as pg answers it: no promise.
    const answered = new Promise((resolve) => {
      const returned = client.query({ text: `SELECT 9 AS n`, callback: (_err: Error | null, res: { rows: unknown[] }) => resolve(res.rows) } as never);
      expect(returned).toBeUndefined();
    });
    expect(await answered).toEqual([{ n: 9 }]);
    // A malformed call is refused by pg, at once, as before.
    expect(() => client.query(null as never)).toThrow('Client was passed a null or undefined query');
  });
});
