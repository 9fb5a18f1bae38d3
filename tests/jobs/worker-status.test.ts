import { freePort } from '../support/free-port';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';
import { killAllWorkers, spawnWorker } from './support/worker-children';

/**
 * Issue 10: a worker started alone (`main.js worker`, as compose runs it) serves no API, but
 * answers its orchestrator's health check and Prometheus's scrape on WORKER_STATUS_PORT.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await killAllWorkers();
  await database?.drop();
});

test('a worker alone answers /healthz and /metrics on WORKER_STATUS_PORT, serves no GraphQL, and stops cleanly', async () => {
  const port = await freePort();
  const worker = spawnWorker({ databaseUrl: database.url, mode: 'worker', env: { WORKER_STATUS_PORT: String(port) }, shutdownGraceMs: 10_000 });
  await worker.waitForLog((line) => line.msg === 'worker status: /healthz and /metrics', 'the worker status server', 60_000);
  const base = `http://127.0.0.1:${port}`;

  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', role: 'worker' });
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toContain('# TYPE sec_job_duration_seconds histogram');
  expect(metrics).toMatch(/^sec_queue_jobs\{state="waiting"\} \d+$/m);
  expect((await fetch(`${base}/graphql`, { method: 'POST' })).status).toBe(404);

  worker.process.kill('SIGTERM');
  expect(await worker.exited).toEqual({ code: 0, signal: null });
});
