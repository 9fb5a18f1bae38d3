import type { ChildProcess } from 'node:child_process';
import { loadConfig } from '../../src/config/config';
import { JOB_QUEUE_NAME } from '../../src/queue/job-contract';
import { createLogger } from '../../src/infra/logger';
import { startQueueKeeper, type QueueKeeper } from '../../src/queue/queue-keeper';
import { freePort } from '../support/free-port';
import { startTestApp, type TestApp } from '../support/test-app';
import { startRedis, stopRedis } from './support/redis-server';
import { waitFor } from './support/wait-for';

/**
 * Issue 8, "when Redis comes back empty, the nightly schedule is gone until a process restarts":
 * a Redis of this test's own is stopped under the running service and started again, empty, as a
 * Redis without persistence comes back. The API keeps taking changes, says what is away, and once
 * Redis answers it queues what it owes and registers its schedules again, without a restart.
 */
let redis: ChildProcess | undefined;
let port: number;
let app: TestApp;
let keeper: QueueKeeper;
let base: string;
const config = loadConfig({ SLA_RECOMPUTE_CRON: '0 2 * * *' });

const readiness = async () => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  port = await freePort();
  redis = await startRedis(port);
  app = await startTestApp({ queue: 'redis', redisUrl: `redis://127.0.0.1:${port}` });
  base = app.url.replace(/\/graphql$/, '');
  // As every process of the service does at start: register the schedules, then keep them.
  await app.jobs.ensureSchedulers(config);
  keeper = startQueueKeeper({
    db: app.db, jobs: app.jobs, owed: app.services.owedJobs, logger: createLogger('silent'),
    dispatchEveryMs: 100, schedules: { config, checkEveryMs: 100 },
  });
});
afterAll(async () => {
  await keeper?.stop();
  await app?.stop();
  if (redis) await stopRedis(redis);
});

test('Redis stopped and started empty under the running service: changes still commit, /readyz says why, then the owed job is queued and the schedules come back', async () => {
  expect(await readiness()).toEqual({ status: 200, body: { status: 'ready', database: 'ok', queue: 'ok' } });
  expect(await app.jobs.missingSchedules(config)).toEqual([]);

  await stopRedis(redis!);
  // A change that owes a job commits and answers: the job waits for the queue, the caller does not.
  const added = await app.gql(`mutation { addHoliday(date: "2021-06-01", name: "A day of mourning") }`);
  expect(added).toEqual({ status: 200, data: { addHoliday: true } });
  expect((await app.gql(`{ isWorkingDay(date: "2021-06-01") }`, undefined, app.keys.READER)).data).toEqual({ isWorkingDay: false });
  // A read of the queue itself answers UNAVAILABLE (503), not an internal error.
  const run = await app.gql(`{ jobRun(id: "1") { id state } }`);
  expect(run.status).toBe(503);
  expect(run.errors![0].extensions).toMatchObject({ code: 'UNAVAILABLE' });
  expect(JSON.stringify(run)).not.toMatch(/INTERNAL_SERVER_ERROR|ECONNREFUSED|stack/);
  expect(await readiness()).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'ok', queue: 'unreachable' } });
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  const [{ owed }] = await app.db.query(`SELECT count(*)::int AS owed FROM owed_job WHERE name = 'sla-recompute'`);
  expect(owed).toBe(1);

  // Redis comes back on the same port, holding nothing: no schedules, no jobs.
  redis = await startRedis(port);
  await waitFor(async () => ((await readiness()).status === 200 ? true : undefined), '/readyz to be ready again');
  await waitFor(async () => ((await app.jobs.missingSchedules(config)).length === 0 ? true : undefined), 'the schedules to be registered again');
  await waitFor(async () => {
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM owed_job WHERE job_id IS NULL`);
    return n === 0 ? true : undefined;
  }, 'the owed recompute to be queued');
  const queued = await app.queue.createQueue<{ reason?: string; spanning?: string[] }, unknown, string>(JOB_QUEUE_NAME);
  try {
    const waiting = await queued.getJobs(['waiting', 'prioritized', 'delayed']);
    expect(waiting.map((job) => [job.name, job.data.reason, job.data.spanning])).toContainEqual(['sla-recompute', 'holiday-added', ['2021-06-01']]);
  } finally {
    await queued.close();
  }
});
