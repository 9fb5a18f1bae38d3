import path from 'node:path';
import type { QueueBackendKind } from '../../src/queue/queue-backend';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { waitFor } from '../jobs/support/wait-for';
import { finished, outboxSettled, startAppWorker } from '../support/app-worker';
import { queueBackendsUnderTest } from '../support/queue-backends';
import { testServiceContext } from '../support/service-context';
import { startTestApp, TEST_RECIPIENTS, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');
const PREVIEW = `query($group: String!, $day: LocalDate!) {
  digestPreview(group: $group, day: $day) { group day wouldSend reason changesSince subject text html } }`;

/**
 * The digests for the April 2021 register on the day of its report (Friday 9 April 2021), as
 * SPEC "Notifications" says, by the Code's Working Day rule: MP107's Impact Assessment (accepted
 * 1 December 2020, target 29 January 2021) is 48 Working Days over, MP140's Preliminary
 * Assessment 29, MP141's 6; MP104's Refinement Consultation opens on Monday 12 April (within 5
 * Working Days), MP099's and MP144's on 19 April (the 6th Working Day: not yet).
 */
const DCC_ASSESSMENTS = [
  '- MP107 SMETS1 Validation of SRV 6.15.1',
  '  Impact Assessment, CR1352: OVERDUE, 48 Working Days over',
  '  Accepted Tue 1 Dec 2020; target Fri 29 Jan 2021; DCC expects Fri 30 Apr 2021',
  expect.stringMatching(/^ {2}DCC commentary: DCC accepted the IA request on 1st December 2020\. /),
  '- MP140',
  '  Preliminary Assessment: OVERDUE, 29 Working Days over',
  '  Accepted Thu 4 Feb 2021; target Thu 25 Feb 2021; DCC expects —',
  '- MP141 SRV Visibility for Devices on SSI',
  '  Preliminary Assessment, CR4242: OVERDUE, 6 Working Days over',
  '  Accepted Tue 9 Mar 2021; target Tue 30 Mar 2021; DCC expects Mon 12 Apr 2021',
  expect.stringMatching(/^ {2}DCC commentary: DCC accepted the PA on 9th March 2021\. /),
];

/** The lines of a text part's section, from its heading to the blank line after it. */
function section(text: string, heading: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe.each<QueueBackendKind>(queueBackendsUnderTest())('the digests of 9 April 2021, BullMQ on %s', (backend) => {
  let app: TestApp;
  let worker: RunningWorker;

  beforeAll(async () => {
    app = await startTestApp({ queue: backend });
    await importRegisterFile(testServiceContext(app.db), DEMO);
    worker = await startAppWorker(app);
  });
  afterAll(async () => {
    await worker.close();
    await app.stop();
  });

  test('the DCC: its three overdue assessments, line by line, and the consultation that opens on Monday', async () => {
    const res = await app.gql(PREVIEW, { group: 'DCC', day: '2021-04-09' });
    expect(res.errors).toBeUndefined();
    const preview = res.data!.digestPreview;
    expect(preview).toMatchObject({ group: 'DCC', day: '2021-04-09', wouldSend: true, reason: null, changesSince: '2021-04-08' });
    expect(preview.subject).toBe('3 overdue assessments, 1 consultation opens Monday');
    const text: string = preview.text;
    expect(text.split('\n').slice(0, 2)).toEqual(['SEC modification digest for DCC: Friday 9 April 2021', preview.subject]);
    // Nothing changed since the day before: the import's first statuses are not news.
    expect(text).not.toMatch(/WHAT CHANGED/);
    expect(section(text, /^OVERDUE AND DUE-SOON ASSESSMENTS \(3\)$/)).toEqual(DCC_ASSESSMENTS);
    expect(section(text, /^CONSULTATIONS$/)).toEqual(['- MP104 Security Improvements: Refinement Consultation opens Monday (Mon 12 Apr 2021)']);
    // The DCC does not get SECAS's sections.
    expect(text).not.toMatch(/WORKING GROUP DEADLINES|REFINEMENT AT RISK/);
  });

  test("SECAS: the same, and the proposals in REFINE with no open work package (the April 2021 register has none)", async () => {
    const res = await app.gql(PREVIEW, { group: 'secas', day: '2021-04-09' });
    const preview = res.data!.digestPreview;
    expect(preview.subject).toBe('3 overdue assessments, 1 consultation opens Monday, 22 proposals at risk in Refinement');
    expect(section(preview.text, /^OVERDUE AND DUE-SOON ASSESSMENTS \(3\)$/)).toEqual(DCC_ASSESSMENTS);
    const refine = await app.db.query(`SELECT reference, title FROM modification WHERE phase = 'REFINE' ORDER BY reference`);
    expect(section(preview.text, /^REFINEMENT AT RISK OF THE 'BLACK HOLE' \(22\)$/)).toEqual(
      refine.map((m: { reference: string; title: string | null }) => `- ${m.title ? `${m.reference} ${m.title}` : m.reference}: no open work package`),
    );
    // The next Working Group (5 May) has its agenda deadline on 20 April and papers on 27 April: not within 3 Working Days.
    expect(preview.text).not.toMatch(/WORKING GROUP DEADLINES/);
  });

  test('the HTML part holds the same figures in tables, every value escaped', async () => {
    const html: string = (await app.gql(PREVIEW, { group: 'DCC', day: '2021-04-09' })).data!.digestPreview.html;
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<th style="text-align:left;padding:6px 8px;border-bottom:2px solid #1d3b5a;font-size:13px;color:#1d3b5a">Target</th>');
    for (const figure of ['48 Working Days over', '29 Working Days over', '6 Working Days over', 'Fri 29 Jan 2021', 'Refinement Consultation opens Monday']) {
      expect(html).toContain(figure);
    }
    expect(html).not.toContain('<mj-');
  });

  test('a day that is not a Working Day previews no email, and says why', async () => {
    const saturday = (await app.gql(PREVIEW, { group: 'DCC', day: '2021-04-10' })).data!.digestPreview;
    expect(saturday).toMatchObject({ wouldSend: false, subject: null, text: null, html: null, reason: '2021-04-10 is not a Working Day: digests go out on Working Days only' });
    const goodFriday = (await app.gql(PREVIEW, { group: 'SECAS', day: '2021-04-02' })).data!.digestPreview;
    expect(goodFriday.wouldSend).toBe(false);
  });

  test("an admin's recomputeSla(asOf) sends that day's two digests through SMTP, once", async () => {
    const queued = await app.gql(`mutation { recomputeSla(asOf: "2021-04-09") { id } }`);
    await finished(app, queued.data!.recomputeSla.id);
    await waitForMessages(app, 2);
    await outboxSettled(app);

    const received = app.smtp.received;
    expect(received.map((m) => m.parsed.subject).sort()).toEqual([
      '3 overdue assessments, 1 consultation opens Monday',
      '3 overdue assessments, 1 consultation opens Monday, 22 proposals at risk in Refinement',
    ]);
    const dcc = received.find((m) => m.to.includes(TEST_RECIPIENTS.dcc[0]))!;
    expect(dcc.to).toEqual(TEST_RECIPIENTS.dcc);
    expect(dcc.parsed.from?.value).toEqual([{ name: 'SEC Modification Tracker', address: 'tracker@sec-tracker.test' }]);
    expect(section(dcc.parsed.text ?? '', /^OVERDUE AND DUE-SOON ASSESSMENTS \(3\)$/)).toEqual(DCC_ASSESSMENTS);
    expect(dcc.parsed.html).toContain('48 Working Days over');

    const messages = (await app.gql(`{ messages { totalCount edges { node { group state attempts messageId day recipients providerResponse lastError } } } }`)).data!.messages;
    expect(messages.totalCount).toBe(2);
    for (const { node } of messages.edges) {
      expect(node).toMatchObject({ state: 'SENT', attempts: 1, day: '2021-04-09', lastError: null, providerResponse: expect.stringMatching(/^250 /) });
      expect(received.filter((m) => m.messageId === node.messageId)).toHaveLength(1);
    }
  });

  test("the digest job run again for the same day records and sends nothing more; a Saturday's sends nothing", async () => {
    const first = await app.jobs.enqueue('sla-digest', { day: '2021-04-09', reason: 'admin' });
    await finished(app, first.id);
    await waitForMessages(app, 2);
    await outboxSettled(app);
    const before = app.smtp.received.length;
    const again = await app.jobs.enqueue('sla-digest', { day: '2021-04-09', reason: 'admin' });
    expect((await finished(app, again.id)).summary).toBe('digests for 2021-04-09: 0 recorded, 0 with nothing to say, 2 recorded before, 0 queued to send');
    const saturday = await app.jobs.enqueue('sla-digest', { day: '2021-04-10', reason: 'admin' });
    expect((await finished(app, saturday.id)).summary).toBe('2021-04-10 is not a Working Day: no digest');
    expect(await app.db.query(`SELECT day::text, count(*)::int AS n FROM outbox_message GROUP BY day`)).toEqual([{ day: '2021-04-09', n: 2 }]);
    expect(app.smtp.received.length).toBe(before);
  });
});

async function waitForMessages(app: TestApp, count: number): Promise<void> {
  await waitFor(async () => {
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM outbox_message`);
    return n >= count ? true : undefined;
  }, `${count} recorded messages`);
}
