import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/infra/database/data-source';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';

/**
 * What every connection of the service's pool runs with, whichever connection a statement gets:
 * the statement timeout it is configured with, its name in pg_stat_activity, and no JIT compiling
 * (which doubled the SLA board's statement, 136-199 ms against 66-73 without).
 */
let database: TestDatabase;
let db: DataSource;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url, poolSize: 4, statementTimeoutMs: 4321 });
  await db.initialize();
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

test('every connection of the pool runs without JIT, under its statement timeout, named for the service', async () => {
  // Four at once: the pool opens a connection for each.
  const sessions: Array<{ jit: string; timeout: string; name: string; pid: number }> = await Promise.all(Array.from({ length: 4 }, () =>
    db.query(`SELECT current_setting('jit') AS jit, current_setting('statement_timeout') AS timeout,
                     current_setting('application_name') AS name, pg_backend_pid() AS pid`).then((rows) => rows[0])));
  expect(new Set(sessions.map((s) => s.pid)).size).toBe(4);
  for (const session of sessions) expect(session).toMatchObject({ jit: 'off', timeout: '4321ms', name: 'sec-tracker' });
});
