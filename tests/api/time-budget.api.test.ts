import { Client } from 'pg';
import { waitFor } from '../jobs/support/wait-for';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 8, "a time budget per request that answers a clear error instead of holding the process":
 * a change held up past its budget (here by a lock another session keeps on the holiday table)
 * answers TIMEOUT and is rolled back, never committed after its caller was told it failed.
 */
// Long enough that an ordinary read on a loaded machine stays well inside it.
const BUDGET_MS = 3_000;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ env: { REQUEST_TIMEOUT_MS: String(BUDGET_MS) } });
});
afterAll(async () => {
  await app?.stop();
});

test('a change held up past REQUEST_TIMEOUT_MS answers TIMEOUT (503) and writes nothing, while other requests are answered', async () => {
  const locker = new Client({ connectionString: app.databaseUrl });
  await locker.connect();
  let answer: Promise<Response> | undefined;
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE holiday IN ACCESS EXCLUSIVE MODE');
    answer = fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.keys.ADMIN}` },
      body: JSON.stringify({ query: 'mutation { addHoliday(date: "2021-06-01", name: "Held up") }' }),
    });
    // The mutation's statement has waited for the lock longer than the whole request may take
    // (its budget started before the statement did).
    await waitFor(async () => {
      const { rows } = await locker.query(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND wait_event_type = 'Lock' AND clock_timestamp() - query_start > make_interval(secs => $1::float / 1000)`,
        [BUDGET_MS],
      );
      return rows.length > 0 ? true : undefined;
    }, 'the mutation to wait on the lock past its budget');
    // Other callers are not held: a read that needs no holiday is answered meanwhile.
    const other = await app.gql('{ releases { name } }', undefined, app.keys.READER);
    expect(other.status).toBe(200);
    expect(other.errors).toBeUndefined();
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }

  const res = await answer!;
  expect(res.status).toBe(503);
  const body = (await res.json() as any);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/time budget.*nothing it would have changed was written/), extensions: { code: 'TIMEOUT' } });
  const [{ holidays }] = await app.db.query(`SELECT count(*)::int AS holidays FROM holiday WHERE holiday_on = '2021-06-01'`);
  expect(holidays).toBe(0);
  const [{ owed }] = await app.db.query(`SELECT count(*)::int AS owed FROM owed_job`);
  expect(owed).toBe(0);
});

test('a compiled read that fails in the compiled-read lane is answered by the resolvers in what is left of its budget, not a new one', async () => {
  // A text the compiled path has answered once: the lane answers it from then on.
  const query = '{ modifications(first: 3) { totalCount edges { node { reference } } } }';
  expect((await app.gql(query, undefined, app.keys.READER)).errors).toBeUndefined();
  const locker = new Client({ connectionString: app.databaseUrl });
  await locker.connect();
  // Sessions are watched from outside the locker's transaction: inside it, pg_stat_activity stays as it first read.
  const observer = new Client({ connectionString: app.databaseUrl });
  await observer.connect();
  let answer: Promise<Response> | undefined;
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE modification IN ACCESS EXCLUSIVE MODE');
    answer = fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.keys.READER}`, 'x-request-id': 'lane-budget-1' },
      body: JSON.stringify({ query }),
    });
    // The lane's statement has waited on the lock past the whole budget: it is cancelled (a failed statement).
    const pid = await waitFor(async () => {
      const { rows } = await observer.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND wait_event_type = 'Lock' AND clock_timestamp() - query_start > make_interval(secs => $1::float / 1000)`,
        [BUDGET_MS],
      );
      return rows[0]?.pid as number | undefined;
    }, 'the compiled read to wait on the lock past its budget');
    const [{ cancelledAt }] = (await observer.query('SELECT pg_cancel_backend($1), clock_timestamp() AS "cancelledAt"', [pid])).rows;
    // Handed to the routes with its budget spent, the resolvers start no statement of their own: the
    // answer comes while the lock is still held, and no statement waits on it again (with a budget
    // of its own, the resolvers' statement would wait there until statement_timeout).
    const waitedAgain = waitFor(async () => {
      const { rows } = await observer.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query_start > $1`, [cancelledAt]);
      return rows.length > 0 ? 'a statement waited on the lock again' : undefined;
    }, 'a statement to wait on the lock again').catch(() => 'none waited');
    const first = await Promise.race([answer.then(() => 'answered'), waitedAgain]);
    expect(first).toBe('answered');
    const res = await answer;
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('TIMEOUT');
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
    await observer.end();
  }
});
