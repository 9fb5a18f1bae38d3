import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { importRegisterFile } from '../../src/register-import';
import type { RunningWorker } from '../../src/queue/worker-port';
import { startAppWorker } from '../support/app-worker';
import { freePort } from '../support/free-port';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';
import { startRedis, stopRedis } from './support/redis-server';
import { waitFor } from './support/wait-for';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

/**
 * Every job an admin or a change asks for is owed in the database until a run of it has finished,
 * so a queue that restarts empty loses nothing: a Redis of this test's own is killed with an
 * admin's recompute still waiting, and started again holding nothing.
 */
let port: number;
let redis: ChildProcess | undefined;
let app: TestApp;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  port = await freePort();
  redis = await startRedis(port);
  app = await startTestApp({ queue: 'redis', redisUrl: `redis://127.0.0.1:${port}` });
  await importRegisterFile(testServiceContext(app.db), DEMO);
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
  if (redis) await stopRedis(redis);
});

const jobRun = async (id: string) => (await app.gql(`query($id: ID!) { jobRun(id: $id) { id name state summary } }`, { id })).data!.jobRun;
const digests = async (day: string) =>
  (await app.db.query(`SELECT state, message_id FROM outbox_message WHERE kind = 'sla-digest' AND day = $1 ORDER BY message_id`, [day])) as Array<{ state: string; message_id: string }>;

test("Redis restarted empty with an admin's recompute waiting: the recompute and the digests after it still run, each message sent once", async () => {
  const asked = await app.gql(`mutation { recomputeSla(asOf: "2021-04-09") { id name state } }`);
  expect(asked.errors).toBeUndefined();
  const { id } = asked.data!.recomputeSla;
  expect(asked.data!.recomputeSla).toMatchObject({ name: 'sla-recompute', state: 'WAITING' });
  // Queued in Redis (no worker runs yet), and owed in the database until it has run.
  expect(await app.jobs.getJobRun(id)).toMatchObject({ state: 'WAITING' });

  await stopRedis(redis!);
  redis = await startRedis(port);
  // The keeper finds the queue without the job, and queues it again.
  await waitFor(async () => {
    const [row] = await app.db.query(`SELECT job_id FROM owed_job WHERE name = 'sla-recompute'`);
    return row && row.job_id !== id && (await app.jobs.getJobRun(row.job_id).catch(() => null)) ? true : undefined;
  }, 'the lost recompute to be queued again');
  expect(await jobRun(id)).toMatchObject({ id: expect.any(String), name: 'sla-recompute', state: 'WAITING' });

  worker = await startAppWorker(app, { now: '2021-04-09T10:00:00Z' });
  await waitFor(async () => ((await digests('2021-04-09')).length === 2 && (await digests('2021-04-09')).every((m) => m.state === 'SENT') ? true : undefined),
    "the day's digests to be recorded and sent", 60_000);
  await waitFor(async () => ((await app.db.query(`SELECT 1 FROM owed_job WHERE settled_at IS NULL`)).length === 0 ? true : undefined), 'nothing to be owed any more');
  expect(await jobRun(id)).toMatchObject({ name: 'sla-recompute', state: 'COMPLETED', summary: expect.stringMatching(/^full recompute as of 2021-04-09/) });
  const counts = app.smtp.countsByMessageId();
  expect((await digests('2021-04-09')).map((m) => counts.get(m.message_id))).toEqual([1, 1]);
  await worker.close();
  worker = undefined;
});

test('with the queue away, recomputeSla still answers (WAITING, owed), and jobRun finds it by the id it gave', async () => {
  await stopRedis(redis!);
  try {
    const asked = await app.gql(`mutation { recomputeSla(asOf: "2021-04-12") { id state summary } }`);
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.recomputeSla).toMatchObject({ id: expect.stringMatching(/^owed-\d+$/), state: 'WAITING', summary: 'owed: queued as soon as the job queue answers' });
    const [row] = await app.db.query(`SELECT name, payload FROM owed_job WHERE job_id IS NULL`);
    expect(row).toEqual({ name: 'sla-recompute', payload: { asOf: '2021-04-12', full: true, reason: 'admin' } });
  } finally {
    redis = await startRedis(port);
  }
  await waitFor(async () => ((await app.db.query(`SELECT 1 FROM owed_job WHERE job_id IS NULL`)).length === 0 ? true : undefined), 'the owed recompute to be queued');
});
