import { startWorker } from '../../jobs/worker';
import { handlers } from '../../jobs/handlers';
import type { WorkerHandlers } from '../../jobs/handler-context';
import {
  assertHandlerMap, InvalidPayloadError, JOB_NAMES, jobSchedules, parsePayload, deduplicationOf,
} from '../../src/queue/job-contract';
import type { WorkerDependencies } from '../../src/queue/worker-port';

// Nothing here is reached: the start-up check comes before any connection.
const noDependencies = {} as WorkerDependencies;

describe('the handler map', () => {
  test('has one handler per job of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...JOB_NAMES].sort());
    expect(() => assertHandlerMap(handlers)).not.toThrow();
  });

  test('a missing handler does not compile', () => {
    // @ts-expect-error the map must name every job of the contract
    const incomplete: WorkerHandlers = {};
    expect(incomplete).toEqual({});
  });

  test('the worker refuses to start when a job has no handler', async () => {
    const incomplete = {} as WorkerHandlers;
    await expect(startWorker({ ...noDependencies, handlers: incomplete })).rejects.toThrow(
      'The worker refuses to start: no handler for job "sla-recompute"',
    );
  });

  test('the worker refuses to start when a handler is for no job of the contract', async () => {
    const extra = { ...handlers, 'send-digest': handlers['sla-recompute'] } as WorkerHandlers;
    await expect(startWorker({ ...noDependencies, handlers: extra })).rejects.toThrow(
      'a handler for "send-digest", which is no job of the contract',
    );
  });
});

describe('payloads', () => {
  test('a recompute payload carries a day, a mode and a reason, nothing else', () => {
    expect(parsePayload('sla-recompute', { asOf: '2021-04-09', full: true, reason: 'admin' })).toEqual({ asOf: '2021-04-09', full: true, reason: 'admin' });
    expect(parsePayload('sla-recompute', { reason: 'nightly' })).toEqual({ reason: 'nightly' });
  });

  test.each([
    [{ reason: 'whenever' }, 'reason'],
    [{ reason: 'admin', asOf: '2021-02-30' }, 'asOf: must be a real calendar date'],
    [{ reason: 'admin', assessments: [{ id: 1 }] }, 'assessments'],
    [null, '(payload)'],
  ])('%j is refused, naming what is wrong', (payload, message) => {
    expect(() => parsePayload('sla-recompute', payload)).toThrow(InvalidPayloadError);
    expect(() => parsePayload('sla-recompute', payload)).toThrow(message);
  });
});

test('deduplication ids: one recompute per day and mode, kept when asked for while one runs', () => {
  expect(deduplicationOf('sla-recompute', { asOf: '2021-04-09', full: false, reason: 'admin' })).toEqual({ id: 'sla-recompute:2021-04-09:incremental', keepLastIfActive: true });
  expect(deduplicationOf('sla-recompute', { asOf: '2021-04-09', full: true, reason: 'holiday-added' })).toEqual({ id: 'sla-recompute:2021-04-09:full', keepLastIfActive: true });
});

test('the schedules: the configured crons, read in Europe/London, with payloads naming no day', () => {
  expect(jobSchedules({ slaRecomputeCron: '0 2 * * *', digestCron: '30 6 * * 1-5', mailSweepCron: '*/10 * * * *', reportCron: '0 6 * * *' })).toEqual([
    { id: 'sla-recompute-nightly', jobName: 'sla-recompute', pattern: '0 2 * * *', tz: 'Europe/London', payload: { reason: 'nightly' } },
    { id: 'sla-digest-morning', jobName: 'sla-digest', pattern: '30 6 * * 1-5', tz: 'Europe/London', payload: { reason: 'scheduled' } },
    { id: 'mail-sweep', jobName: 'mail-sweep', pattern: '*/10 * * * *', tz: 'Europe/London', payload: { reason: 'scheduled' } },
    { id: 'report-monthly', jobName: 'report-schedule', pattern: '0 6 * * *', tz: 'Europe/London', payload: { reason: 'scheduled' } },
  ]);
});

test('one digest job per day, one send job per message', () => {
  expect(deduplicationOf('sla-digest', { day: '2021-04-09', reason: 'admin' })).toEqual({ id: 'sla-digest:2021-04-09' });
  const messageId = '6f1c7c8e-8d7e-4a4b-9a53-0d2c4a1f0b11';
  expect(deduplicationOf('mail-send', { messageId })).toEqual({ id: `mail-send:${messageId}`, keepLastIfActive: true });
  expect(() => parsePayload('mail-send', { messageId: 'DCC-2021-04-09' })).toThrow('messageId');
});
