import path from 'node:path';
import type { QueueBackendKind } from '../../src/queue/queue-backend';
import { importRegisterFile } from '../../src/register-import';
import { isReady, killAllWorkers, spawnWorker, type WorkerChild } from '../jobs/support/worker-children';
import { waitFor } from '../jobs/support/wait-for';
import { finished, outboxSettled } from '../support/app-worker';
import { queueBackendsUnderTest } from '../support/queue-backends';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

/**
 * Workers in child processes, killed as a machine would kill them: whatever was recorded in the
 * outbox still arrives, and only once.
 */
describe.each<QueueBackendKind>(queueBackendsUnderTest())('a worker killed between recording and sending, BullMQ on %s', (backend) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ queue: backend });
    await importRegisterFile(testServiceContext(app.db), DEMO);
  }, 60_000);
  afterAll(async () => {
    await killAllWorkers();
    await app.stop();
  });

  const startedWorker = async (): Promise<WorkerChild> => {
    // Quick lock expiry: a killed worker's job is back in the queue within seconds, not a minute.
    const child = spawnWorker({ databaseUrl: app.databaseUrl, redis: app.redis, smtpUrl: app.smtp.url, args: { tuning: { lockDuration: 2_000, stalledInterval: 1_000 } } });
    await child.waitForLog(isReady, 'the worker to be ready', 30_000);
    return child;
  };
  const outbox = async (day: string) =>
    (await app.db.query(`SELECT id, state, attempts, message_id FROM outbox_message WHERE day = $1 ORDER BY id`, [day])) as Array<{ id: string; state: string; attempts: number; message_id: string }>;

  test('recorded, refused by the mail server, then SIGKILL: the next worker delivers each message once', async () => {
    app.smtp.refuseNext(1_000);
    const first = await startedWorker();
    const digest = await app.jobs.enqueue('sla-digest', { day: '2021-04-09', reason: 'admin' });
    await finished(app, digest.id);
    // Each message refused once and waiting out its backoff (not in the middle of an attempt: a
    // claim left by a death mid-send holds for minutes before another worker may send again).
    await waitFor(async () => {
      const messages = await outbox('2021-04-09');
      return messages.every((m) => m.attempts >= 1 && m.state === 'PENDING') ? true : undefined;
    }, 'a refused attempt at each message');
    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect((await outbox('2021-04-09')).map((m) => m.state)).toEqual(['PENDING', 'PENDING']);
    expect(app.smtp.received).toHaveLength(0);

    app.smtp.refuseNext(0);
    const second = await startedWorker();
    await outboxSettled(app);
    const messages = await outbox('2021-04-09');
    expect(messages.map((m) => m.state)).toEqual(['SENT', 'SENT']);
    const counts = app.smtp.countsByMessageId();
    expect(messages.map((m) => counts.get(m.message_id))).toEqual([1, 1]);
    expect(app.smtp.received).toHaveLength(2);
    second.process.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });

  test('SIGKILL while the mail server holds its answer to a message it has taken: that one is IN_DOUBT, never sent again; the rest go once', async () => {
    const decided = await app.services.digests.recordDay(testServiceContext(app.db), '2021-04-14');
    expect(decided.recorded).toBe(2);
    const before = app.smtp.received.length;
    app.smtp.holdAnswers(60_000);
    const first = await startedWorker();
    await app.services.outbox.sweep(testServiceContext(app.db));
    // The server has committed the first message and holds its 250; the worker waits for it.
    await waitFor(async () => (app.smtp.holding === 1 ? true : undefined), 'the server to hold its answer to the first message');
    first.process.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const taken = app.smtp.received.slice(before).map((m) => m.messageId);
    expect(taken).toHaveLength(1);
    app.smtp.holdAnswers(0);

    // The next worker takes up the killed job at once (the same job: its claim is its own), finds
    // the end of the message sent, and doubts it; the other message goes.
    const second = await startedWorker();
    await outboxSettled(app);
    const messages = await outbox('2021-04-14');
    const doubted = messages.find((m) => m.message_id === taken[0])!;
    expect(doubted.state).toBe('IN_DOUBT');
    expect(messages.filter((m) => m !== doubted).map((m) => m.state)).toEqual(['SENT']);
    const counts = app.smtp.countsByMessageId();
    expect(messages.map((m) => counts.get(m.message_id))).toEqual([1, 1]);
    const [row] = await app.db.query(`SELECT last_error FROM outbox_message WHERE id = $1`, [doubted.id]);
    expect(row.last_error).toMatch(/^The worker sending it stopped after the end of the message had gone to the mail server/);
    second.process.kill('SIGTERM');
    await second.exited;
  });

  test('recorded, then the process died before it queued a send job: the next worker start delivers each once', async () => {
    // What a process leaves when it dies right after the commit: messages recorded, no send job.
    const decided = await app.services.digests.recordDay(testServiceContext(app.db), '2021-04-12');
    expect(decided.recorded).toBe(2);
    expect((await outbox('2021-04-12')).map((m) => [m.state, m.attempts])).toEqual([['PENDING', 0], ['PENDING', 0]]);
    const before = app.smtp.received.length;

    const worker = await startedWorker();
    await outboxSettled(app);
    const counts = app.smtp.countsByMessageId();
    expect((await outbox('2021-04-12')).map((m) => [m.state, counts.get(m.message_id)])).toEqual([['SENT', 1], ['SENT', 1]]);
    expect(app.smtp.received.length).toBe(before + 2);
    expect(await worker.waitForLog((l) => l.msg === 'queued the outbox messages still to deliver', 'the sweep at start')).toMatchObject({ pending: 2 });
    worker.process.kill('SIGTERM');
    await worker.exited;
  });
});
