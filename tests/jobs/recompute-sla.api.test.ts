import { startWorker } from '../../jobs/worker';
import { loadConfig } from '../../src/config/config';
import { JOB_QUEUE_NAME } from '../../src/queue/job-contract';
import type { QueueBackendKind } from '../../src/queue/queue-backend';
import type { RunningWorker } from '../../src/queue/worker-port';
import { startTestApp, type TestApp } from '../support/test-app';
import { captureLogger } from './support/capture-logger';
import { seedAssessments } from './support/seed';
import { waitFor } from './support/wait-for';
import { queueBackendsUnderTest } from '../support/queue-backends';

const JOB_RUN_FIELDS = 'id name state enqueuedAt finishedAt failedReason progress attemptsMade summary';

describe.each<QueueBackendKind>(queueBackendsUnderTest())('recomputeSla and jobRun through the API, BullMQ on %s', (backend) => {
  let app: TestApp;
  let worker: RunningWorker | undefined;

  beforeAll(async () => {
    app = await startTestApp({ queue: backend });
    await seedAssessments(app.db, 60);
  });
  afterAll(async () => {
    await worker?.close();
    await app.stop();
  });

  const startTheWorker = async () => {
    const config = loadConfig({ DATABASE_URL: app.databaseUrl, SHUTDOWN_GRACE_MS: '10000', LOG_LEVEL: 'silent' });
    worker = await startWorker({ db: app.db, config, logger: captureLogger().logger, clock: { now: () => new Date('2021-04-09T01:00:00Z'), today: () => '2021-04-09' }, queue: app.queue, jobs: app.jobs, services: app.services, mail: app.mail });
  };
  const jobRun = async (id: string) => (await app.gql(`query($id: ID!) { jobRun(id: $id) { ${JOB_RUN_FIELDS} } }`, { id })).data?.jobRun;
  const runs = async () => (await app.db.query(`SELECT as_of::text, mode, job_id, examined FROM sla_recompute_run ORDER BY id`)) as Array<{ as_of: string; mode: string; job_id: string; examined: number }>;

  test('two admin clicks for the same day queue one job, waiting until a worker runs', async () => {
    const first = await app.gql(`mutation { recomputeSla(asOf: "2021-04-09") { ${JOB_RUN_FIELDS} } }`);
    const second = await app.gql(`mutation { recomputeSla(asOf: "2021-04-09") { ${JOB_RUN_FIELDS} } }`);
    expect(first.errors).toBeUndefined();
    expect(first.data?.recomputeSla).toMatchObject({ name: 'sla-recompute', state: 'WAITING', progress: 0, attemptsMade: 0, finishedAt: null, summary: null });
    expect(second.data?.recomputeSla.id).toBe(first.data?.recomputeSla.id);
    expect(await runs()).toEqual([]);
  });

  test('a worker completes the queued job; jobRun shows it COMPLETED with what it did', async () => {
    const queued = (await app.gql(`mutation { recomputeSla(asOf: "2021-04-09") { id } }`)).data?.recomputeSla;
    await startTheWorker();
    const done = await waitFor(async () => {
      const run = await jobRun(queued.id);
      return run?.state === 'COMPLETED' || run?.state === 'FAILED' ? run : undefined;
    }, 'the job to finish');
    expect(done).toMatchObject({ state: 'COMPLETED', progress: 100, attemptsMade: 1, failedReason: null });
    // jobRun names the run that served this click: its own job, or a twin for the same day queued
    // before it (when the API answered before its own job reached the queue: a race a loaded
    // machine can lose). Either way that run took up the work this click owed, and recorded it.
    const [owed] = await app.db.query(`SELECT taken_by, settled_at IS NOT NULL AS settled FROM owed_job WHERE job_id = $1 OR id::text = $2`, [queued.id, queued.id.replace(/^owed-/, '')]);
    expect(owed).toEqual({ taken_by: done.id, settled: true });
    expect(new Date(done.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(done.enqueuedAt).getTime());
    expect(done.summary).toMatch(/^full recompute as of 2021-04-09: 60 examined, \d+ changed/);
    expect(await runs()).toEqual([{ as_of: '2021-04-09', mode: 'full', job_id: done.id, examined: 60 }]);
  });

  test('without asOf, the day is today in Europe/London by the API\'s clock (pinned to 2021-04-09 here)', async () => {
    const queued = (await app.gql(`mutation { recomputeSla { id } }`)).data?.recomputeSla;
    await waitFor(async () => ((await jobRun(queued.id))?.state === 'COMPLETED' ? true : undefined), 'the job to complete');
    expect((await runs()).at(-1)).toMatchObject({ as_of: '2021-04-09', job_id: queued.id });
  });

  test('addHoliday queues a recompute of the assessments spanning the day once the holiday is committed; a refused one queues nothing', async () => {
    const before = (await runs()).length;
    const refused = await app.gql(`mutation { addHoliday(date: "2021-05-08", name: "A Saturday") }`);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const added = await app.gql(`mutation { addHoliday(date: "2021-05-04", name: "A one-off") }`);
    expect(added.data).toEqual({ addHoliday: true });
    const after = await waitFor(async () => {
      const all = await runs();
      return all.length > before ? all : undefined;
    }, 'the recompute after addHoliday');
    expect(after.slice(before)).toEqual([expect.objectContaining({ as_of: '2021-04-09', mode: 'holiday' })]);
    // Exactly the assessments whose clock spans 4 May 2021 were judged: accepted before it, not returned before it.
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM assessment WHERE accepted_on < '2021-05-04' AND (returned_on IS NULL OR returned_on >= '2021-05-04')`);
    expect(after.at(-1)!.examined).toBe(n);
    // Nothing else trails in (the refused holiday queued nothing): once no recompute job is left
    // in the queue, none can run; no sleep needed to see it.
    const queue = app.queue.createQueue(JOB_QUEUE_NAME);
    try {
      await waitFor(async () => {
        const unfinished = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
        return unfinished.some((job) => job?.name === 'sla-recompute') ? undefined : true;
      }, 'no recompute job left in the queue');
    } finally {
      await queue.close();
    }
    expect((await runs()).length).toBe(before + 1);
  });

  test('a malformed asOf is BAD_USER_INPUT; an unknown job id is null; only ADMIN may call either', async () => {
    const malformed = await app.gql(`mutation { recomputeSla(asOf: "2021-02-30") { id } }`);
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await app.gql(`{ jobRun(id: "no-such-job") { id } }`)).data).toEqual({ jobRun: null });
    for (const role of ['DCC', 'READER'] as const) {
      const mutation = await app.gql(`mutation { recomputeSla { id } }`, undefined, app.keys[role]);
      expect(mutation.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const query = await app.gql(`{ jobRun(id: "1") { id } }`, undefined, app.keys[role]);
      expect(query.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
