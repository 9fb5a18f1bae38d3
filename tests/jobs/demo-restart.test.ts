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
let port: number;
const adminKey = `demo-admin-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  port = await freePort();
});
afterAll(async () => {
  await killAllWorkers();
  await database?.drop();
});

async function startDemo(): Promise<WorkerChild> {
  const service = spawnWorker({ databaseUrl: database.url, mode: 'demo', env: { PORT: String(port), ADMIN_API_KEY: adminKey }, shutdownGraceMs: 10_000 });
  await service.waitForLog((line) => line.msg === 'GraphQL API ready', 'the demo service to serve', 60_000);
  return service;
}

async function stop(service: WorkerChild): Promise<void> {
  service.process.kill('SIGTERM');
  expect(await service.exited).toEqual({ code: 0, signal: null });
}

async function gql(query: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
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
