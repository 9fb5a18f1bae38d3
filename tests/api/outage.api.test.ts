import { waitFor } from '../jobs/support/wait-for';
import { asAdmin } from '../support/pg-admin';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 8, "a database outage answers the same INTERNAL_SERVER_ERROR as a bug": the app's own
 * database stops taking connections under the running service, then takes them again.
 */
let app: TestApp;
let base: string;
let database: string;

beforeAll(async () => {
  app = await startTestApp();
  base = app.url.replace(/\/graphql$/, '');
  database = new URL(app.databaseUrl).pathname.slice(1);
});
afterAll(async () => {
  await asAdmin((c) => c.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`)).catch(() => undefined);
  await app?.stop();
});

const readiness = async () => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json() as any) };
};

test('while the database refuses connections: UNAVAILABLE with 503, /readyz says why, /healthz still answers; then it serves again without a restart', async () => {
  expect(await readiness()).toEqual({ status: 200, body: { status: 'ready', database: 'ok', queue: 'ok' } });

  await asAdmin(async (c) => {
    await c.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
  });
  try {
    for (const key of [app.keys.READER, app.keys.ADMIN]) {
      const query = key === app.keys.ADMIN ? 'mutation { addHoliday(date: "2021-06-01", name: "Outage day") { date } }' : '{ releases { name } }';
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
      expect(res.status).toBe(503);
      const body = (await res.json() as any);
      expect(body.errors[0]).toMatchObject({ message: expect.stringContaining('cannot reach its database'), extensions: { code: 'UNAVAILABLE' } });
      expect(JSON.stringify(body)).not.toMatch(/stack|INTERNAL_SERVER_ERROR|ECONN|accepting connections/);
    }
    expect(await readiness()).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'unreachable' } });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  } finally {
    await asAdmin((c) => c.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`));
  }

  const served = await waitFor(async () => {
    const res = await app.gql('{ isWorkingDay(date: "2021-06-01") }', undefined, app.keys.READER);
    return res.status === 200 ? res : undefined;
  }, 'the API to serve again');
  // The mutation refused during the outage changed nothing: 1 June 2021 is still a Working Day.
  expect(served.data).toEqual({ isWorkingDay: true });
  await waitFor(async () => ((await readiness()).status === 200 ? true : undefined), '/readyz to be ready again');
});
