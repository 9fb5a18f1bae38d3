import { startWorker } from '../../jobs/worker';
import { handlers } from '../../jobs/handlers';
import type { WorkerHandlers } from '../../jobs/handler-context';
import { loadConfig } from '../../src/config/config';
import { fixedClock } from '../../src/infra/clock';
import { JOB_QUEUE_NAME, type SlaRecomputeResult } from '../../src/queue/job-contract';
import type { QueueBackendKind } from '../../src/queue/queue-backend';
import type { RunningWorker } from '../../src/queue/worker-port';
import { startTestApp, type TestApp } from '../support/test-app';
import { captureLogger } from './support/capture-logger';
import type { LogLine } from './support/worker-children';
import { waitFor } from './support/wait-for';
import { queueBackendsUnderTest } from '../support/queue-backends';

const result: SlaRecomputeResult = { asOf: '2021-04-09', mode: 'full', examined: 0, changed: 0, written: 0, durationMs: 0 };

describe.each<QueueBackendKind>(queueBackendsUnderTest())('how the worker fails, BullMQ on %s', (backend) => {
  let app: TestApp;
  let worker: RunningWorker;
  const { logger, lines } = captureLogger();
  let calls = 0;
  // Fails the first attempt as a lost database would, then succeeds: the worker must not swallow it.
  const flaky: WorkerHandlers = {
    'sla-recompute': async () => {
      calls += 1;
      if (calls === 1) throw new Error('Connection terminated unexpectedly');
      return result;
    },
    'sla-digest': handlers['sla-digest'],
    'mail-send': handlers['mail-send'],
    'mail-sweep': handlers['mail-sweep'],
    'report-build': handlers['report-build'],
    'report-schedule': handlers['report-schedule'],
  };

  beforeAll(async () => {
    app = await startTestApp({ queue: backend });
    const config = loadConfig({ DATABASE_URL: app.databaseUrl, SHUTDOWN_GRACE_MS: '5000' });
    worker = await startWorker({ db: app.db, config, logger, clock: fixedClock(new Date('2021-04-09T01:00:00Z')), queue: app.queue, jobs: app.jobs, services: app.services, mail: app.mail, handlers: flaky });
  });
  afterAll(async () => {
    await worker.close();
    await app.stop();
  });

  // A producer that bypasses JobQueue's checks, as an older or buggy one would.
  const addRaw = async (name: string, data: unknown, opts: object = {}) => {
    const queue = app.queue.createQueue<unknown, unknown, string>(JOB_QUEUE_NAME);
    try {
      return (await queue.add(name, data, opts)).id!;
    } finally {
      await queue.close();
    }
  };
  // BullMQ writes a job's final state to the store a moment before the worker emits the event
  // that logs it: wait for the line instead of expecting it the instant the state shows.
  const logged = (match: (line: LogLine) => boolean) => waitFor(async () => lines.find(match), 'the log line');
  const finished = (id: string) =>
    waitFor(async () => {
      const run = await app.jobs.getJobRun(id);
      return run?.state === 'COMPLETED' || run?.state === 'FAILED' ? run : undefined;
    }, `job ${id} to finish`);

  test('a handler error is retried with backoff, and each failed attempt is logged with its cause', async () => {
    const id = await addRaw('sla-recompute', { reason: 'admin' }, { attempts: 3, backoff: { type: 'exponential', delay: 50 } });
    const run = await finished(id);
    expect(run).toMatchObject({ state: 'COMPLETED', attemptsMade: 2 });
    expect(await logged((l) => l.msg === 'job attempt failed; BullMQ retries it after a backoff' && l.jobId === id)).toMatchObject({
      willRetry: true, err: expect.objectContaining({ message: 'Connection terminated unexpectedly' }),
    });
  });

  test('a payload that fails validation fails at once, unretried, with the reason', async () => {
    const id = await addRaw('sla-recompute', { reason: 'whenever', asOf: 'yesterday' }, { attempts: 5 });
    const run = await finished(id);
    expect(run).toMatchObject({ state: 'FAILED', attemptsMade: 1 });
    expect(run.failedReason).toContain('Job "sla-recompute" has an invalid payload');
    expect(run.failedReason).toContain('asOf: must be a real calendar date');
    expect(await logged((l) => l.msg === 'job failed for good' && l.jobId === id)).toMatchObject({
      willRetry: false, err: expect.objectContaining({ message: run.failedReason }),
    });
  });

  test('a job the contract does not know fails at once, unretried', async () => {
    const id = await addRaw('send-digest', { group: 'DCC' }, { attempts: 5 });
    const run = await finished(id);
    expect(run).toMatchObject({ state: 'FAILED', attemptsMade: 1, failedReason: 'No handler for job "send-digest": it is not in the job contract' });
  });
});
