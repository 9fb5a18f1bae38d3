import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/infra/database/data-source';
import { createLogger } from '../../src/infra/logger';
import { JobQueue } from '../../src/queue/job-queue';
import { openQueueBackend, type QueueBackend, type QueueBackendKind } from '../../src/queue/queue-backend';
import { recomputeSlaStatuses } from '../../src/sla/sla-recompute.service';
import { deleteRedisKeys, testRedisUrl, uniqueRedisPrefix } from '../support/test-app';
import { seededDatabases, type SeededDatabases } from './support/seeded-databases';
import { waitFor } from './support/wait-for';
import { isReady, killAllWorkers, spawnWorker, type WorkerChild } from './support/worker-children';
import { queueBackendsUnderTest } from '../support/queue-backends';

/** Enough for a full recompute to take a second or more: time to kill or stop a worker inside it. */
const ASSESSMENTS = 60_000;
const AS_OF = '2021-04-09';
/** A dead worker's job is back in the queue within seconds, not the production minute. */
const FAST_RECOVERY = { lockDuration: 2_000, stalledInterval: 1_000 };

let seeded: SeededDatabases;
beforeAll(async () => {
  seeded = await seededDatabases(ASSESSMENTS);
}, 120_000);
afterAll(async () => {
  await killAllWorkers();
  await seeded?.drop();
});

/** The day's stored SLA state, reduced to something comparable: every column that a rerun must reproduce. */
async function storedDay(db: DataSource) {
  const [sla] = await db.query(
    `SELECT count(*)::int AS rows, md5(string_agg(concat_ws('|', assessment_id, status, as_of, changed_on, next_check_on), ',' ORDER BY assessment_id)) AS digest
       FROM assessment_sla`,
  );
  const [transitions] = await db.query(
    `SELECT count(*)::int AS rows, md5(string_agg(concat_ws('|', assessment_id, on_day, from_status, to_status), ',' ORDER BY assessment_id, on_day)) AS digest
       FROM sla_transition`,
  );
  const statuses = await db.query(`SELECT status, count(*)::int AS n FROM assessment_sla GROUP BY 1 ORDER BY 1`);
  return { sla, transitions, statuses };
}

const completedRuns = async (db: DataSource) => (await db.query(`SELECT count(*)::int AS n FROM sla_recompute_run`))[0].n as number;

/** A session of this database in the middle of a write transaction (the recompute's, once it has begun). */
const writingSessions = async (db: DataSource) =>
  (await db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL AND state = 'active'`,
  ))[0].n as number;

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const recovered = (id: string) => expect.objectContaining({ msg: expect.stringContaining('a job lost its worker'), jobId: id });

describe.each<QueueBackendKind>(queueBackendsUnderTest())('worker crashes and shutdowns, BullMQ on %s', (backend) => {
  let db: DataSource;
  let databaseUrl: string;
  let queue: QueueBackend;
  let jobs: JobQueue;
  let redis: { url: string; prefix: string } | undefined;
  let dropDatabase: () => Promise<void>;

  beforeEach(async () => {
    const copy = await seeded.copy();
    databaseUrl = copy.url;
    dropDatabase = copy.drop;
    redis = backend === 'redis' ? { url: testRedisUrl(), prefix: uniqueRedisPrefix() } : undefined;
    queue = await openQueueBackend({ databaseUrl, redisUrl: redis?.url, redisPrefix: redis?.prefix }, createLogger('silent'));
    jobs = new JobQueue(queue);
    db = createDataSource({ url: databaseUrl, poolSize: 2 });
    await db.initialize();
  });
  afterEach(async () => {
    await killAllWorkers();
    await jobs.close();
    await queue.close();
    await db.destroy();
    if (redis) await deleteRedisKeys(redis.url, redis.prefix);
    await dropDatabase();
  });

  const worker = (options: { shutdownGraceMs?: number } = {}) =>
    spawnWorker({ databaseUrl, redis, shutdownGraceMs: options.shutdownGraceMs, args: { tuning: FAST_RECOVERY } });
  const startedWorker = async (options: { shutdownGraceMs?: number } = {}) => {
    const child = worker(options);
    await child.waitForLog(isReady, 'the worker to be ready', 30_000);
    return child;
  };
  /** Queues a full recompute and waits until its transaction is writing. */
  const recomputeUnderWay = async () => {
    const queued = await jobs.enqueue('sla-recompute', { asOf: AS_OF, full: true, reason: 'admin' });
    await waitFor(async () => ((await jobs.getJobRun(queued.id))?.progress ?? 0) >= 10 || undefined, 'the recompute to start', 20_000, 20);
    await waitFor(async () => (await writingSessions(db)) > 0 || undefined, 'the recompute to be writing', 10_000, 20);
    return queued.id;
  };
  const completion = (id: string, timeoutMs = 60_000) =>
    waitFor(async () => {
      const run = await jobs.getJobRun(id);
      if (run?.state === 'FAILED') throw new Error(`job ${id} failed: ${run.failedReason}`);
      return run?.state === 'COMPLETED' ? run : undefined;
    }, `job ${id} to complete`, timeoutMs);
  const stop = async (child: WorkerChild) => {
    child.process.kill('SIGTERM');
    return within(child.exited, 20_000, 'the worker to exit');
  };

  test('SIGKILL in the middle of a recompute leaves no half-done day; another worker finishes it, as an uninterrupted run would', async () => {
    const before = await storedDay(db);
    const first = await startedWorker();
    const id = await recomputeUnderWay();
    expect((await jobs.getJobRun(id))?.state).toBe('ACTIVE');
    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Once PostgreSQL has ended the dead worker's session, nothing of the day is stored.
    await waitFor(async () => ((await writingSessions(db)) === 0 ? true : undefined), 'the killed session to roll back', 30_000);
    expect(await completedRuns(db)).toBe(0);
    expect(await storedDay(db)).toEqual(before);

    const second = await startedWorker();
    const done = await completion(id);
    expect(done).toMatchObject({ state: 'COMPLETED', progress: 100 });
    expect(await second.waitForLog((l) => l.msg.includes('a job lost its worker') && l.jobId === id, 'the stalled-job log line', 5_000)).toEqual(recovered(id));
    // The job is COMPLETED in the store a moment before the worker's log line about it arrives.
    await second.waitForLog((l) => l.msg === 'job completed' && l.jobId === id, 'the second worker to log the completion', 5_000);
    expect(await completedRuns(db)).toBe(1);

    // The same day, recomputed without interruption on a fresh copy of the same facts.
    const fresh = await seeded.copy();
    const freshDb = createDataSource({ url: fresh.url, poolSize: 1 });
    await freshDb.initialize();
    try {
      await recomputeSlaStatuses(freshDb, { asOf: AS_OF, full: true, dueSoonWorkingDays: 3 });
      const expected = await storedDay(freshDb);
      expect(expected.sla.rows).toBe(ASSESSMENTS);
      expect(await storedDay(db)).toEqual(expected);
      expect(expected).not.toEqual(before);
    } finally {
      await freshDb.destroy();
      await fresh.drop();
    }
    expect(await stop(second)).toEqual({ code: 0, signal: null });
  });

  test('SIGTERM during a recompute lets it finish within the grace period, then the worker exits 0', async () => {
    const child = await startedWorker({ shutdownGraceMs: 30_000 });
    const id = await recomputeUnderWay();
    expect(await stop(child)).toEqual({ code: 0, signal: null });
    expect(await jobs.getJobRun(id)).toMatchObject({ state: 'COMPLETED', progress: 100 });
    expect(await completedRuns(db)).toBe(1);
    const order = ['worker stopping: no new jobs; waiting for the active ones', 'job completed', 'worker stopped', 'stopped']
      .map((msg) => child.logs.findIndex((l) => l.msg === msg));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]))).toBe(true);
  });

  test('a recompute still running when the grace period ends is cut off, and another worker takes it over', async () => {
    const first = await startedWorker({ shutdownGraceMs: 200 });
    const id = await recomputeUnderWay();
    expect(await stop(first)).toEqual({ code: 1, signal: null });
    expect(first.logs).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('grace period over'), err: expect.objectContaining({ activeJobIds: [id] }) }));
    await waitFor(async () => ((await writingSessions(db)) === 0 ? true : undefined), 'the cut-off session to roll back', 30_000);
    expect(await completedRuns(db)).toBe(0);

    const second = await startedWorker();
    expect(await completion(id)).toMatchObject({ state: 'COMPLETED' });
    expect(await second.waitForLog((l) => l.msg.includes('a job lost its worker') && l.jobId === id, 'the stalled-job log line', 5_000)).toEqual(recovered(id));
    expect(await completedRuns(db)).toBe(1);
    expect(await stop(second)).toEqual({ code: 0, signal: null });
  });
});
