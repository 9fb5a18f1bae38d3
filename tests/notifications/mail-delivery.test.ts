import path from 'node:path';
import type { QueueBackendKind } from '../../src/queue/queue-backend';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { waitFor } from '../jobs/support/wait-for';
import { finished, outboxSettled, startAppWorker } from '../support/app-worker';
import { queueBackendsUnderTest } from '../support/queue-backends';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');
const MESSAGE = 'id group day state attempts lastError providerResponse messageId';

describe.each<QueueBackendKind>(queueBackendsUnderTest())('delivering the outbox through a mail server in trouble, BullMQ on %s', (backend) => {
  let app: TestApp;
  let worker: RunningWorker;

  beforeAll(async () => {
    app = await startTestApp({ queue: backend });
    await importRegisterFile(testServiceContext(app.db), DEMO);
    // "Today" is the end of April: the days these tests send are past days, replayed by an admin.
    worker = await startAppWorker(app, { now: '2021-04-30T06:00:00Z' });
  });
  afterAll(async () => {
    await worker.close();
    await app.stop();
  });

  const messagesOf = async (day: string) =>
    ((await app.gql(`{ messages(first: 50) { edges { node { ${MESSAGE} } } } }`)).data!.messages.edges as Array<{ node: Record<string, any> }>)
      .map((e) => e.node)
      .filter((m) => m.day === day);
  const digestFor = async (day: string) => {
    const run = await app.jobs.enqueue('sla-digest', { day, reason: 'admin' });
    await finished(app, run.id);
  };

  test('a server that answers 451 for a while, then accepts: every message arrives exactly once', async () => {
    app.smtp.refuseNext(2);
    await digestFor('2021-04-09');
    await outboxSettled(app);

    const messages = await messagesOf('2021-04-09');
    expect(messages).toHaveLength(2);
    const counts = app.smtp.countsByMessageId();
    for (const m of messages) {
      expect(m.state).toBe('SENT');
      expect(counts.get(m.messageId)).toBe(1);
    }
    // Two refusals happened, each recorded on the message it hit, and each was retried.
    expect(app.smtp.refused).toBe(2);
    expect(messages.reduce((sum, m) => sum + m.attempts, 0)).toBe(2 + 2);
    for (const m of messages.filter((x) => x.attempts > 1)) expect(m.lastError).toContain('451 4.3.0 Try again later');
  });

  test('a mailbox the server refuses for good (550) fails the message at once; an admin resends it once it exists', async () => {
    const group = await app.gql(`mutation { createRecipientGroup(input: { name: "Bounces", addresses: ["nobody@dcc.test"], sections: [ASSESSMENTS] }) { name } }`);
    expect(group.errors).toBeUndefined();
    await digestFor('2021-04-12');
    await outboxSettled(app);

    const bounced = (await messagesOf('2021-04-12')).find((m) => m.group === 'Bounces')!;
    expect(bounced).toMatchObject({ state: 'FAILED', attempts: 1, lastError: expect.stringContaining('550 5.1.1 No such mailbox') });
    const failedList = (await app.gql(`{ messages(state: FAILED) { edges { node { id state } } } }`)).data!.messages;
    expect(failedList.edges).toContainEqual({ node: { id: bounced.id, state: 'FAILED' } });
    expect(failedList.edges.every((e: { node: { state: string } }) => e.node.state === 'FAILED')).toBe(true);

    const sent = (await messagesOf('2021-04-12')).find((m) => m.state === 'SENT')!;
    const refused = await app.gql(`mutation($id: ID!) { resendMessage(id: $id) { state } }`, { id: sent.id });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('only a FAILED or IN_DOUBT message can be resent'), extensions: { code: 'BAD_USER_INPUT' } });
    expect((await app.gql(`mutation { resendMessage(id: "00000000-0000-4000-8000-000000000000") { state } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // The admin mends the group's address: the resend goes to the group as it is now.
    await app.gql(`mutation { updateRecipientGroup(name: "Bounces", input: { addresses: ["nobody@dcc.test", "desk@dcc.test"] }) { version } }`);
    app.smtp.createNobodysMailbox();
    const resent = await app.gql(`mutation($id: ID!) { resendMessage(id: $id) { state attempts } }`, { id: bounced.id });
    expect(resent.data!.resendMessage).toEqual({ state: 'PENDING', attempts: 1 });
    await waitFor(async () => ((await messagesOf('2021-04-12')).find((m) => m.id === bounced.id)!.state === 'SENT' ? true : undefined), 'the resent message to be SENT');
    expect(app.smtp.countsByMessageId().get(bounced.messageId)).toBe(1);
    expect(app.smtp.received.find((m) => m.messageId === bounced.messageId)!.to).toEqual(['nobody@dcc.test', 'desk@dcc.test']);
  });

  test('a message recorded without a send job (one lost to a crash or a failed enqueue) goes out with the next sweep, once', async () => {
    const decided = await app.services.digests.recordDay(testServiceContext(app.db), '2021-04-13');
    expect(decided.recorded).toBeGreaterThan(0);
    const sweep = await app.jobs.enqueue('mail-sweep', { reason: 'admin' });
    expect((await finished(app, sweep.id)).summary).toMatch(/^\d+ undelivered message\(s\) given a send job$/);
    await outboxSettled(app);
    const messages = await messagesOf('2021-04-13');
    expect(messages).toHaveLength(decided.recorded);
    const counts = app.smtp.countsByMessageId();
    for (const m of messages) expect([m.state, counts.get(m.messageId)]).toEqual(['SENT', 1]);
  });

  test('a digest for a day still to come is not sent: its own morning will carry its news', async () => {
    const run = await app.jobs.enqueue('sla-digest', { day: '2021-05-04', reason: 'admin' });
    expect((await finished(app, run.id)).summary).toBe('2021-05-04 is still to come: no digest yet');
    expect(await messagesOf('2021-05-04')).toEqual([]);
  });
});
