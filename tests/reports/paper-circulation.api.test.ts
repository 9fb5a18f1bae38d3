import path from 'node:path';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { waitFor } from '../jobs/support/wait-for';
import { outboxSettled, startAppWorker } from '../support/app-worker';
import { snapshot } from '../support/db-snapshot';
import { testServiceContext } from '../support/service-context';
import { startTestApp, TEST_RECIPIENTS, type TestApp } from '../support/test-app';

/**
 * A paper as SECAS sends it: its title block edited by an admin until it goes out, then
 * circulated on demand to a recipient group through the outbox with its PDF, once per version and
 * group; never a version that is not READY, nor one withdrawn.
 */
const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

let app: TestApp;
let worker: RunningWorker | undefined;

const REPORT = `query($id: ID!) { report(id: $id) { id kind status version paperReference author action purpose recommendation attachments markdown html } }`;
const CIRCULATE = `mutation($id: ID!, $group: String!) { circulateReport(id: $id, recipientGroup: $group) { id status } }`;
const FRAME = `mutation($id: ID!, $input: PaperFrameInput!) { updatePaperFrame(id: $id, input: $input) { paperReference author attachments markdown html } }`;
const ready = (id: string) => waitFor(async () => {
  const r = (await app.gql(REPORT, { id })).data!.report;
  return r.status === 'READY' ? r : undefined;
}, `paper ${id} to be READY`);
/** The Markdown as text: its escapes taken out. */
const plain = (md: string) => md.replace(/\\([\\`*_[\]!|~#+=-])/g, '$1');
const paperMessages = (id: string) =>
  app.db.query(`SELECT g.name AS "group", m.kind, m.state FROM outbox_message m JOIN recipient_group g ON g.id = m.group_id WHERE m.report_id = $1 ORDER BY g.name`, [id]);

/**
 * Builds owed are handed to the queue by the keeper, and settled by the worker when there is one:
 * once that is done, nothing moves under a refusal's snapshots.
 */
const quiet = () => waitFor(async () => ((await app.db.query(
  `SELECT 1 FROM owed_job WHERE dispatched_at IS NULL OR (settled_at IS NULL AND $1::boolean)`, [worker !== undefined],
)).length === 0 ? true : undefined), 'owed builds to be done');

/** Refused with the API's words, the database untouched. */
async function refused(query: string, variables: Record<string, unknown>, message: RegExp, code = 'BAD_USER_INPUT', key?: string) {
  await quiet();
  const before = await snapshot(app.db);
  const res = await app.gql(query, variables, key);
  expect(res.errors?.[0]).toMatchObject({ extensions: { code }, message: expect.stringMatching(message) });
  expect(await snapshot(app.db)).toEqual(before);
}

/** Each test builds the versions it uses, with a worker running (started once, when first needed). */
const running = async () => (worker ??= await startAppWorker(app));
async function built(mutation: 'regenerateReport' | 'regenerateTimetables', asOf: string): Promise<string> {
  await running();
  const id = (await app.gql(`mutation { ${mutation}(period: "2021-04", asOf: "${asOf}") { id } }`)).data![mutation].id;
  await ready(id);
  return id;
}

beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), DEMO);
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

test('a version not yet built is not circulated', async () => {
  // No worker: the version stays QUEUED.
  await worker?.close();
  worker = undefined;
  const queued = (await app.gql(`mutation { regenerateTimetables(period: "2021-04", asOf: "2021-04-01") { id kind status version paperReference } }`)).data!.regenerateTimetables;
  // Panel 91 met on 16 April 2021; the timetables paper is the Panel's item 12 by default.
  expect(queued).toMatchObject({ kind: 'MODIFICATION_TIMETABLES', status: 'QUEUED', paperReference: 'SECP_91_1604_12' });
  await refused(CIRCULATE, { id: queued.id, group: 'SECAS' }, new RegExp(`^Version ${queued.version} of 2021-04 is QUEUED: only a READY version can be circulated$`));
});

test("an admin edits the title block before circulation: the READY paper is rendered again with it, its facts unchanged", async () => {
  const id = await built('regenerateReport', '2021-04-08');
  const before = (await app.gql(REPORT, { id })).data!.report;
  expect(before).toMatchObject({
    paperReference: 'SECP_91_1604_14', author: 'SECAS Team', action: 'For Information',
    recommendation: 'The Panel is requested to NOTE the contents of this report.',
    attachments: ['Appendix A: DCC Preliminary Assessments and Impact Assessments'],
  });
  expect(plain(before.markdown)).toContain('| Reference | SECP_91_1604_14 |');
  const edited = (await app.gql(FRAME, { id, input: { author: 'Holly Burton, SECAS Team', attachments: ['Appendix A: DCC Regulatory Report', 'Appendix B: Modification Register'] } })).data!.updatePaperFrame;
  expect(edited).toMatchObject({ paperReference: 'SECP_91_1604_14', author: 'Holly Burton, SECAS Team' });
  expect(plain(edited.markdown)).toContain('| Author | Holly Burton, SECAS Team |');
  expect(plain(edited.markdown)).toContain('| Attachments | Appendix A: DCC Regulatory Report; Appendix B: Modification Register |');
  expect(edited.html).toContain('<th scope="row">Author</th><td>Holly Burton, SECAS Team</td>');
  // Every section below the title block is as built.
  const body = (md: string) => md.slice(md.indexOf('## 1 Summary'));
  expect(body(edited.markdown)).toBe(body(before.markdown));
  const pdf = await fetch(`${app.url.replace(/\/graphql$/, '')}/reports/${id}.pdf`, { headers: { authorization: `Bearer ${app.keys.READER}` } });
  expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1')).toContain('SECP_91_1604_14');

  await refused(FRAME, { id, input: { paperReference: 'SECP-91' } }, /^paperReference must read SECP_<panel>_<ddmm>_<item>, e\.g\. SECP_91_1604_14; got "SECP-91"$/);
  await refused(FRAME, { id, input: { author: '   ' } }, /^author cannot be blank/);
  await refused(FRAME, { id, input: { author: 'Someone' } }, /Access denied|not allowed|FORBIDDEN|role/i, 'FORBIDDEN', app.keys.READER);
});

test('circulated on demand: the group gets it once through the outbox, its PDF attached; again is refused, and the title block is then fixed', async () => {
  const id = await built('regenerateReport', '2021-04-07');
  await app.gql(FRAME, { id, input: { author: 'Holly Burton, SECAS Team' } });
  await refused(CIRCULATE, { id, group: 'SECAS' }, /./, 'FORBIDDEN', app.keys.DCC);
  await refused(CIRCULATE, { id, group: 'Panel members' }, /Recipient group .*Panel members.* (does not exist|not found)/i, 'NOT_FOUND');

  expect((await app.gql(CIRCULATE, { id, group: 'dcc' })).data!.circulateReport).toEqual({ id, status: 'READY' });
  await outboxSettled(app);
  expect(await paperMessages(id)).toEqual([{ group: 'DCC', kind: 'panel-paper', state: 'SENT' }]);
  const mail = app.smtp.received.filter((m) => m.parsed.subject === 'Change Status Report: April 2021 (for the SEC Panel 91, Friday 16 April 2021)' && m.to.join() === TEST_RECIPIENTS.dcc.join());
  expect(mail).toHaveLength(1);
  expect(mail[0]!.parsed.text).toContain('Author: Holly Burton, SECAS Team');
  expect(mail[0]!.parsed.text).toContain('Recommendation: The Panel is requested to NOTE the contents of this report.');
  const [attachment] = mail[0]!.parsed.attachments;
  expect(attachment).toMatchObject({ filename: expect.stringMatching(/^change-status-report-2021-04-v\d+\.pdf$/), contentType: 'application/pdf' });
  const download = await fetch(`${app.url.replace(/\/graphql$/, '')}/reports/${id}.pdf`, { headers: { authorization: `Bearer ${app.keys.READER}` } });
  expect(Buffer.compare(attachment!.content, Buffer.from(await download.arrayBuffer()))).toBe(0);

  await refused(CIRCULATE, { id, group: 'DCC' }, /^Version \d+ of 2021-04 was circulated to DCC already, at \d{4}-/);
  await refused(FRAME, { id, input: { author: 'Someone else' } }, /was circulated \(to DCC\): its title block stays as circulated/);
  // Another group is another circulation.
  await app.gql(CIRCULATE, { id, group: 'SECAS' });
  await outboxSettled(app);
  expect(await paperMessages(id)).toEqual([{ group: 'DCC', kind: 'panel-paper', state: 'SENT' }, { group: 'SECAS', kind: 'panel-paper', state: 'SENT' }]);
});

test('a withdrawn version is never circulated', async () => {
  const id = await built('regenerateTimetables', '2021-04-09');
  await app.gql(`mutation($id: ID!) { withdrawReport(id: $id, reason: "Built before the April packages were agreed") { id } }`, { id });
  await refused(CIRCULATE, { id, group: 'SECAS' }, /^Version \d+ of 2021-04 was withdrawn \(Built before the April packages were agreed\): it is never circulated$/);
  expect(await paperMessages(id)).toEqual([]);
});

test("a Panel meeting's own number makes its papers' reference; without one, the papers count one Panel a month", async () => {
  // (Another body's meeting given a number is refused by the register's rules: tests/api/register-rules.)
  // June 2021 would be Panel 93 by the count; the meeting says 94.
  const made = await app.gql(`mutation { scheduleMeeting(input: { body: PANEL, date: "2021-06-18", number: 94, title: "SEC Panel 94" }) { id number } }`);
  expect(made.data!.scheduleMeeting.number).toBe(94);
  expect((await app.gql(`{ meetings(from: "2021-06-18", to: "2021-06-18") { number title } }`, undefined, app.keys.READER)).data!.meetings).toEqual([{ number: 94, title: 'SEC Panel 94' }]);
  const june = (await app.gql(`mutation { regenerateTimetables(period: "2021-06", asOf: "2021-06-11") { paperReference } }`)).data!.regenerateTimetables;
  expect(june.paperReference).toBe('SECP_94_1806_12');
  // May 2021 has no Panel in the register: no paper reference, and the version's own in its place.
  const may = (await app.gql(`mutation { regenerateReport(period: "2021-05", asOf: "2021-05-28") { paperReference } }`)).data!.regenerateReport;
  expect(may.paperReference).toBeNull();
});
