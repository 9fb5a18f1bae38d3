import path from 'node:path';
import { importRegisterFile } from '../../src/register-import';
import type { RunningWorker } from '../../src/queue/worker-port';
import { waitFor } from '../jobs/support/wait-for';
import { finished, startAppWorker } from '../support/app-worker';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

/**
 * A morning whose scheduled digest firing was lost (the queue restarted empty at 07:00, no worker
 * ran that morning) is caught up by the sweep: the last few Working Days only, since the schedule
 * was registered, and never twice.
 */
let app: TestApp;
let worker: RunningWorker;

beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), DEMO);
  // The service has run its morning schedule since 1 April; Friday 9 April's digests went out.
  await app.db.query(`INSERT INTO schedule_registration (schedule_id, first_registered_at) VALUES ('sla-digest-morning', '2021-04-01T00:00:00Z')`);
  await app.services.digests.recordDay(testServiceContext(app.db), '2021-04-09');
  // Tuesday 13 April, 10:30 in London: Monday's and this morning's firings never ran.
  worker = await startAppWorker(app, { now: '2021-04-13T09:30:00Z' });
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

const digestDays = async () =>
  (await app.db.query(`SELECT day::text AS day, state, message_id FROM outbox_message WHERE kind = 'sla-digest' ORDER BY day, message_id`)) as Array<{ day: string; state: string; message_id: string }>;

test('the sweep owes a digest run for each lost morning of the last three Working Days; a second sweep owes nothing', async () => {
  const sweep = await app.jobs.enqueue('mail-sweep', { reason: 'admin' });
  const run = await finished(app, sweep.id);
  expect(run.summary).toMatch(/digests caught up for 2021-04-12, 2021-04-13$/);
  await waitFor(async () => {
    const rows = await digestDays();
    return rows.length === 6 && rows.every((r) => r.state === 'SENT') ? rows : undefined;
  }, "Monday's and Tuesday's digests to be recorded and sent", 60_000);
  expect((await digestDays()).map((r) => r.day)).toEqual(['2021-04-09', '2021-04-09', '2021-04-12', '2021-04-12', '2021-04-13', '2021-04-13']);
  const days = await app.db.query(`SELECT day::text AS day FROM digest_day ORDER BY day`);
  expect(days.map((d: { day: string }) => d.day)).toEqual(['2021-04-09', '2021-04-12', '2021-04-13']);

  const again = await finished(app, (await app.jobs.enqueue('mail-sweep', { reason: 'admin' })).id);
  expect(again.summary).not.toMatch(/caught up/);
  // Each group's message for a day, once: 9 April's were not sent by the sweep at all (the outbox
  // sweep sends what is recorded), and the caught-up days once each.
  const counts = app.smtp.countsByMessageId();
  expect((await digestDays()).map((r) => counts.get(r.message_id))).toEqual([1, 1, 1, 1, 1, 1]);
});
