import { randomBytes } from 'node:crypto';
import { freePort } from '../support/free-port';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';
import { killAllWorkers, spawnWorker, type WorkerChild } from './support/worker-children';

/**
 * Issue 8, "npm run demo imports the April 2021 register at every start": the service's own entry
 * point in demo mode, started, changed through the API, stopped and started again on the same
 * database. The second start must leave the register as the API left it.
 */
let database: TestDatabase;
let url: string;
const adminKey = `demo-admin-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await killAllWorkers();
  await database?.drop();
});

/** Each start on a port free just now (PORT must be 1 or more): a port another test took since cannot be met. */
async function startDemo(): Promise<WorkerChild> {
  const port = await freePort();
  const service = spawnWorker({ databaseUrl: database.url, mode: 'demo', env: { PORT: String(port), ADMIN_API_KEY: adminKey }, shutdownGraceMs: 10_000 });
  const ready = await service.waitForLog((line) => line.msg === 'GraphQL API ready', 'the demo service to serve', 60_000);
  url = String(ready.url).replace('localhost', '127.0.0.1');
  return service;
}

/** SIGTERM, as `docker stop` and Ctrl-C do: the service stops cleanly, whenever the signal comes. */
async function stop(service: WorkerChild): Promise<void> {
  service.process.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([service.exited, new Promise((resolve) => (timer = setTimeout(resolve, 30_000, 'still running 30 s after SIGTERM')))]);
  clearTimeout(timer);
  if (typeof exit === 'string') service.process.kill('SIGKILL');
  // On failure the service's last log lines say where it stood.
  expect({ exit, lastLogs: service.logs.slice(-8).map((l) => l.msg) }).toEqual({ exit: { code: 0, signal: null }, lastLogs: expect.arrayContaining(['stopped']) });
}

async function gql(query: string) {
  const res = await fetch(url, {
    signal: AbortSignal.timeout(30_000),
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const DP156 = `{ modification(reference: "DP156") { phase history { from to on } } modifications(first: 1) { totalCount } }`;

test('a second `npm run demo` start keeps what the API changed: the demo register loads into an empty register only', async () => {
  const first = await startDemo();
  expect(first.logs.some((line) => line.msg === 'demo register loaded')).toBe(true);
  // `demo` shows the dev mailbox (no SMTP_URL, DEV_MAILBOX unset), to an admin.
  const mailbox = url.replace(/graphql$/, 'admin/mailbox');
  expect((await fetch(mailbox, { headers: { authorization: `Bearer ${adminKey}` } })).status).toBe(200);
  expect((await fetch(mailbox)).status).toBe(401);
  const loaded = await gql(DP156);
  expect(loaded.modification).toEqual({ phase: 'DEFINE', history: [{ from: null, to: 'DEFINE', on: '2021-03-01' }] });
  await gql(`mutation { changePhase(reference: "DP156", phase: REFINE, on: "2021-04-12", note: "Converted at the April Panel") { phase } }`);
  await stop(first);

  const second = await startDemo();
  await second.waitForLog((line) => /register is not empty/.test(line.msg), 'the demo start to leave the register alone');
  expect(second.logs.some((line) => line.msg === 'demo register loaded')).toBe(false);
  const after = await gql(DP156);
  expect(after.modification).toEqual({
    phase: 'REFINE',
    history: [{ from: null, to: 'DEFINE', on: '2021-03-01' }, { from: 'DEFINE', to: 'REFINE', on: '2021-04-12' }],
  });
  expect(after.modifications.totalCount).toBe(loaded.modifications.totalCount);
  await stop(second);
});
