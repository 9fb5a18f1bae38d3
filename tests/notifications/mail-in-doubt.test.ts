import path from 'node:path';
import { createLogger } from '../../src/infra/logger';
import { type MailTransport, smtpTransport } from '../../src/infra/mail/mail-transport';
import { importRegisterFile } from '../../src/register-import';
import type { RunningWorker } from '../../src/queue/worker-port';
import { waitFor } from '../jobs/support/wait-for';
import { finished, startAppWorker } from '../support/app-worker';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

/**
 * A mail server that takes a message and answers only after the client has stopped waiting: the
 * message may have arrived, so it is IN_DOUBT, counted in /metrics, and not sent again until the
 * doubt is settled, by the policy's time (same Message-ID) or by an admin. The client here waits
 * half a second, the server three; in production the client waits 11 minutes (past RFC 5321's 10).
 */
let app: TestApp;
let impatient: MailTransport;
let worker: RunningWorker;

beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), DEMO);
  impatient = smtpTransport({ url: app.smtp.url, answerTimeoutMs: 500 }, createLogger('silent'));
  worker = await startAppWorker(app, { mail: impatient, now: '2021-04-13T09:30:00Z' });
});
afterAll(async () => {
  await worker?.close();
  await impatient?.close();
  await app?.stop();
});

const messagesOf = async (day: string) =>
  (await app.db.query(
    `SELECT id, state, attempts, message_id AS "messageId", last_error AS "lastError", in_doubt_since AS "inDoubtSince"
       FROM outbox_message WHERE day = $1 ORDER BY message_id`,
    [day],
  )) as Array<{ id: string; state: string; attempts: number; messageId: string; lastError: string | null; inDoubtSince: Date | null }>;
const sweep = async () => (await finished(app, (await app.jobs.enqueue('mail-sweep', { reason: 'admin' })).id)).summary;
const metric = async (state: string) => {
  const text = await (await fetch(app.url.replace(/graphql$/, 'metrics'))).text();
  return Number(new RegExp(`^sec_outbox_messages\\{state="${state}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
};

test('no answer after the end of the message: IN_DOUBT, in /metrics, never sent again while in doubt; the policy sends it again with its Message-ID', async () => {
  expect(await metric('IN_DOUBT')).toBe(0);
  app.smtp.holdAnswers(3_000);
  const before = app.smtp.received.length;
  await app.services.digests.recordDay(testServiceContext(app.db), '2021-04-12');
  expect(await sweep()).toMatch(/^2 undelivered message/);
  const doubted = await waitFor(async () => {
    const rows = await messagesOf('2021-04-12');
    return rows.length === 2 && rows.every((m) => m.state === 'IN_DOUBT') ? rows : undefined;
  }, 'both messages to be in doubt');
  for (const m of doubted) expect(m).toMatchObject({ attempts: 1, inDoubtSince: expect.any(Date), lastError: expect.stringMatching(/ETIMEDOUT/) });
  // The server did take them, once each: exactly why sending them again now would be wrong.
  expect(app.smtp.received.length - before).toBe(2);
  expect(await metric('IN_DOUBT')).toBe(2);

  // Sweeps, retries and admins' sweeps pass them by while the doubt stands.
  expect(await sweep()).toMatch(/^0 undelivered message/);
  await waitFor(async () => (app.smtp.holding === 0 ? true : undefined), 'the slow server to have answered (to nobody)');
  const counts = app.smtp.countsByMessageId();
  expect(doubted.map((m) => counts.get(m.messageId))).toEqual([1, 1]);

  // The policy's time (MAIL_IN_DOUBT_RESEND_MINUTES, 240 by default) has passed for one of them.
  app.smtp.holdAnswers(0);
  await app.db.query(`UPDATE outbox_message SET in_doubt_since = now() - interval '241 minutes' WHERE id = $1`, [doubted[0]!.id]);
  expect(await sweep()).toMatch(/^1 undelivered message/);
  await waitFor(async () => ((await messagesOf('2021-04-12'))[0]!.state === 'SENT' ? true : undefined), 'the message to be sent again by policy');
  const [again, still] = await messagesOf('2021-04-12');
  expect(again).toMatchObject({ state: 'SENT', attempts: 2, lastError: expect.stringContaining('resent by policy after 240 minutes in doubt') });
  expect(still!.state).toBe('IN_DOUBT');
  // Sent again with the same Message-ID, so that a server or a reader that saw it once can tell.
  expect(app.smtp.countsByMessageId().get(again!.messageId)).toBe(2);
  expect(await metric('IN_DOUBT')).toBe(1);
});

test('an admin settles a doubt: confirmed as received (SENT, never sent again), or sent again now; other states are refused', async () => {
  const [, inDoubt] = await messagesOf('2021-04-12');
  expect(inDoubt!.state).toBe('IN_DOUBT');
  const confirmed = await app.gql(`mutation($id: ID!) { confirmMessageSent(id: $id) { state sentAt providerResponse inDoubtSince } }`, { id: inDoubt!.id });
  expect(confirmed.errors).toBeUndefined();
  expect(confirmed.data!.confirmMessageSent).toMatchObject({ state: 'SENT', sentAt: expect.any(String), inDoubtSince: null, providerResponse: expect.stringContaining('confirmed as received by test ADMIN') });
  const twice = await app.gql(`mutation($id: ID!) { confirmMessageSent(id: $id) { state } }`, { id: inDoubt!.id });
  expect(twice.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('only a IN_DOUBT message can be confirmed as sent') });
  expect((await app.gql(`mutation($id: ID!) { confirmMessageSent(id: $id) { state } }`, { id: inDoubt!.id }, app.keys.DCC)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

  // Another in doubt, sent again by an admin at once.
  app.smtp.holdAnswers(3_000);
  await app.services.digests.recordDay(testServiceContext(app.db), '2021-04-13');
  await sweep();
  const [first] = await waitFor(async () => {
    const rows = await messagesOf('2021-04-13');
    return rows.length > 0 && rows.every((m) => m.state === 'IN_DOUBT') ? rows : undefined;
  }, "the 13th's messages to be in doubt");
  app.smtp.holdAnswers(0);
  const resent = await app.gql(`mutation($id: ID!) { resendMessage(id: $id) { state inDoubtSince } }`, { id: first!.id });
  expect(resent.data!.resendMessage).toEqual({ state: 'PENDING', inDoubtSince: null });
  await waitFor(async () => ((await messagesOf('2021-04-13')).find((m) => m.id === first!.id)!.state === 'SENT' ? true : undefined), 'the resent message to be SENT');
  await waitFor(async () => (app.smtp.holding === 0 ? true : undefined), 'the slow server to have answered every message');
});
