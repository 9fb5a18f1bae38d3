import path from 'node:path';
import { importRegisterFile } from '../../src/register-import';
import type { RunningWorker } from '../../src/queue/worker-port';
import { waitFor } from '../jobs/support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { snapshot } from '../support/db-snapshot';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

/**
 * Every fact can be corrected by the role that may record it, audited with what it was and what
 * it became; what depends on it follows at once; a refusal changes nothing. The app's "today" is
 * Friday 9 April 2021, the April 2021 report's day.
 */
let app: TestApp;
let worker: RunningWorker;
beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), DEMO);
  worker = await startAppWorker(app, { now: '2021-04-09T06:00:00Z' });
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

const lastAudit = async (table: string) =>
  (await app.db.query(`SELECT actor, operation, action, before, after FROM audit_log WHERE target_table = $1 ORDER BY id DESC LIMIT 1`, [table]))[0];
/** The worker has run what earlier corrections owe: nothing changes under the next snapshot. */
const quiet = () => waitFor(async () => ((await app.db.query(`SELECT 1 FROM owed_job WHERE settled_at IS NULL`)).length === 0 ? true : undefined), 'owed jobs to be done');
/** Each role that may not make the change is refused, and nothing changes. */
async function othersRefused(query: string, variables: Record<string, unknown>, roles: ReadonlyArray<'DCC' | 'READER'> = ['DCC', 'READER']) {
  await quiet();
  const before = await snapshot(app.db);
  for (const role of roles) expect([role, (await app.gql(query, variables, app.keys[role])).errors?.[0].extensions?.code]).toEqual([role, 'FORBIDDEN']);
  expect(await snapshot(app.db)).toEqual(before);
}
async function refused(query: string, variables: Record<string, unknown>, message: RegExp | string, code = 'BAD_USER_INPUT') {
  await quiet();
  const before = await snapshot(app.db);
  const res = await app.gql(query, variables);
  expect(res.errors?.[0]).toMatchObject({ extensions: { code }, message: typeof message === 'string' ? message : expect.stringMatching(message) });
  expect(await snapshot(app.db)).toEqual(before);
}
const feed = async () => {
  const made = (await app.gql(`mutation { createCalendarFeed(name: "corrections") { url } }`)).data!.createCalendarFeed;
  return async () => (await fetch(made.url)).text();
};
/** The VEVENT of a UID, unfolded. */
const event = (ics: string, uid: string) => ics.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').find((e) => e.includes(`UID:${uid}@`)) ?? '';

describe('meetings', () => {
  const RESCHEDULE = `mutation($id: ID!, $date: LocalDate!, $note: String) { rescheduleMeeting(id: $id, date: $date, note: $note) { date note version agendaDeadline papersDeadline cancelledOn } }`;
  const CANCEL = `mutation($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { date cancelledOn cancellationReason version } }`;
  let id: string;
  let read: () => Promise<string>;
  beforeAll(async () => {
    id = (await app.gql(`mutation { scheduleMeeting(input: { body: WORKING_GROUP, date: "2021-05-19", title: "WG extra" }) { id } }`)).data!.scheduleMeeting.id;
    read = await feed();
  });

  test('rescheduled: its deadlines and its feed event move at once; audited before and after; only ADMIN', async () => {
    const before = event(await read(), `meeting-${id}`);
    expect(before).toContain('DTSTART;VALUE=DATE:20210519');
    await othersRefused(RESCHEDULE, { id, date: '2021-05-26' });
    const moved = await app.gql(RESCHEDULE, { id, date: '2021-05-26', note: 'Moved for the Easter backlog' });
    expect(moved.data!.rescheduleMeeting).toEqual({
      date: '2021-05-26', note: 'Moved for the Easter backlog', version: 2, agendaDeadline: '2021-05-12', papersDeadline: '2021-05-19', cancelledOn: null,
    });
    const after = event(await read(), `meeting-${id}`);
    expect(after).toContain('DTSTART;VALUE=DATE:20210526');
    expect(after).toMatch(/SEQUENCE:2\b/);
    expect(event(await read(), `meeting-${id}-agenda-deadline`)).toContain('DTSTART;VALUE=DATE:20210512');
    expect(await lastAudit('meeting')).toMatchObject({ operation: 'mutation rescheduleMeeting', action: 'UPDATE', before: { meeting_on: '2021-05-19' }, after: { meeting_on: '2021-05-26' } });
  });

  test('a meeting on a day that is not a Working Day, or where the body meets already, is refused naming why', async () => {
    await refused(RESCHEDULE, { id, date: '2021-05-29' }, 'Saturday 29 May 2021 is not a Working Day (rule: meetings fall on Working Days)');
    await refused(RESCHEDULE, { id, date: '2021-05-31' }, /^Monday 31 May 2021 is not a Working Day/);
    await refused(`mutation { scheduleMeeting(input: { body: PANEL, date: "2021-04-10" }) { id } }`, {}, /^Saturday 10 April 2021 is not a Working Day \(rule: meetings fall on Working Days\)$/);
    const other = (await app.gql(`mutation { scheduleMeeting(input: { body: WORKING_GROUP, date: "2021-06-09" }) { id } }`)).data!.scheduleMeeting.id;
    await refused(RESCHEDULE, { id: other, date: '2021-05-26' }, 'WORKING_GROUP already meets on 2021-05-26');
    await refused(RESCHEDULE, { id: '00000000-0000-4000-8000-000000000000', date: '2021-05-13' }, 'Meeting "00000000-0000-4000-8000-000000000000" does not exist', 'NOT_FOUND');
  });

  test('cancelled: it stays, marked, the feed shows it cancelled, and it is not moved or cancelled again', async () => {
    await othersRefused(CANCEL, { id, reason: 'x' });
    await refused(CANCEL, { id, reason: '  ' }, 'Say why the meeting is called off (reason)');
    const cancelled = await app.gql(CANCEL, { id, reason: 'No papers ready' });
    expect(cancelled.data!.cancelMeeting).toEqual({ date: '2021-05-26', cancelledOn: '2021-04-09', cancellationReason: 'No papers ready', version: 3 });
    const ev = event(await read(), `meeting-${id}`);
    expect(ev).toContain('STATUS:CANCELLED');
    expect(ev).toMatch(/SUMMARY:Cancelled: SEC Working Group/);
    expect(ev).toMatch(/SEQUENCE:3\b/);
    expect((await app.gql(`{ meetings(from: "2021-05-26", to: "2021-05-26") { id cancelledOn } }`, undefined, app.keys.READER)).data!.meetings).toEqual([{ id, cancelledOn: '2021-04-09' }]);
    await refused(CANCEL, { id, reason: 'again' }, 'The meeting was called off already, on 2021-04-09');
    await refused(RESCHEDULE, { id, date: '2021-06-16' }, 'The meeting was called off on 2021-04-09: schedule a new one instead');
  });
});

test('a consultation gets its closing day, its window corrected; a close before the open is refused', async () => {
  const [c] = await app.db.query(`SELECT c.id FROM consultation c JOIN modification m ON m.id = c.modification_id WHERE m.reference = 'MP104'`);
  const UPDATE = `mutation($id: ID!, $input: UpdateConsultationInput!) { updateConsultation(id: $id, input: $input) { opensOn closesOn note version } }`;
  await othersRefused(UPDATE, { id: c.id, input: { closesOn: '2021-05-07' } });
  await refused(UPDATE, { id: c.id, input: { closesOn: '2021-04-12' } }, 'A consultation closes after it opens: closesOn 2021-04-12 is not after opensOn 2021-04-12');
  const set = await app.gql(UPDATE, { id: c.id, input: { closesOn: '2021-05-07' } });
  expect(set.data!.updateConsultation).toMatchObject({ opensOn: '2021-04-12', closesOn: '2021-05-07', version: 2 });
  expect(await lastAudit('consultation')).toMatchObject({ action: 'UPDATE', before: { closes_on: null }, after: { closes_on: '2021-05-07' } });
  // The digest of the week it closes says so.
  const preview = (await app.gql(`{ digestPreview(group: "SECAS", day: "2021-05-05") { text } }`)).data!.digestPreview;
  expect(preview.text).toMatch(/MP104.*closes/s);
});

describe('assessments', () => {
  const CORRECT = `mutation($id: ID!, $input: CorrectAssessmentInput!) { correctAssessment(id: $id, input: $input) {
    acceptedOn targetCompletionOn commentary version sla(asOf: "2021-04-09") { status } } }`;
  let mp141: string;
  beforeAll(async () => {
    [{ id: mp141 }] = await app.db.query(`SELECT a.id FROM assessment a JOIN modification m ON m.id = a.modification_id WHERE m.reference = 'MP141' AND a.type = 'PRELIMINARY'`);
  });

  test('the DCC corrects an acceptance date: target and SLA follow at once, and the stored status after it; audited', async () => {
    const before = (await app.gql(`query($id: ID!) { assessment(id: $id) { targetCompletionOn sla(asOf: "2021-04-09") { status } } }`, { id: mp141 })).data!.assessment;
    expect(before).toEqual({ targetCompletionOn: '2021-03-30', sla: { status: 'OVERDUE' } });
    const corrected = await app.gql(CORRECT, { id: mp141, input: { acceptedOn: '2021-03-31', commentary: 'Accepted on 31 March, not 9 March' } }, app.keys.DCC);
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctAssessment).toMatchObject({
      acceptedOn: '2021-03-31', targetCompletionOn: '2021-04-23', commentary: 'Accepted on 31 March, not 9 March', sla: { status: 'ON_TRACK' },
    });
    expect(await lastAudit('assessment')).toMatchObject({ operation: 'mutation correctAssessment', before: { accepted_on: '2021-03-09' }, after: { accepted_on: '2021-03-31' } });
    // The recompute the correction owes stores the new status for the digests and metrics.
    await waitFor(async () => {
      const [row] = await app.db.query(`SELECT status FROM assessment_sla WHERE assessment_id = $1`, [mp141]);
      return row?.status === 'ON_TRACK' ? true : undefined;
    }, 'the stored status to follow the correction');
  });

  test('impossible dates, and SECAS facts from the DCC, are refused naming why; READER is refused', async () => {
    await othersRefused(CORRECT, { id: mp141, input: { commentary: 'x' } }, ['READER']);
    await refused(CORRECT, { id: mp141, input: { acceptedOn: '2021-04-12' } }, /^acceptedOn 2021-04-12 is after today, Friday 9 April 2021 \(rule: a fact .* is not dated after today/);
    await refused(CORRECT, { id: mp141, input: { acceptedOn: '2021-02-01', requestedOn: '2021-03-01' } }, 'acceptedOn 2021-02-01 is before the request of 2021-03-01');
    await refused(CORRECT, { id: mp141, input: { returnedOn: '2021-03-30' } }, 'returnedOn 2021-03-30 is before acceptance on 2021-03-31');
    await refused(CORRECT, { id: mp141, input: { acceptedOn: null, returnedOn: '2021-04-01' } }, /^returnedOn 2021-04-01 without acceptedOn/);
    await quiet();
    const before = await snapshot(app.db);
    const dcc = await app.gql(CORRECT, { id: mp141, input: { requestedOn: '2021-03-01' } }, app.keys.DCC);
    expect(dcc.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/^requestedOn: SECAS records the request/) });
    expect(await snapshot(app.db)).toEqual(before);
  });
});

test('a decision is corrected; objectives outside (a) to (i) are refused naming the rule, and read as the register keeps them', async () => {
  const [d] = await app.db.query(`SELECT d.id FROM decision d JOIN modification m ON m.id = d.modification_id WHERE m.reference = 'MP105'`);
  const UPDATE = `mutation($id: ID!, $input: UpdateDecisionInput!) { updateDecision(id: $id, input: $input) { on outcome objectives } }`;
  await othersRefused(UPDATE, { id: d.id, input: { objectives: ['a'] } });
  await refused(UPDATE, { id: d.id, input: { objectives: ['zz'] } }, '"zz" is no SEC Objective (rule: SEC Objectives are (a) to (i))');
  await refused(UPDATE, { id: d.id, input: { on: '2030-01-01' } }, /^on 2030-01-01 is after today/);
  const fixed = await app.gql(UPDATE, { id: d.id, input: { objectives: ['(g)', 'A', 'a'], on: '2021-03-25' } });
  expect(fixed.data!.updateDecision).toEqual({ on: '2021-03-25', outcome: 'APPROVED', objectives: ['a', 'g'] });
  expect(await lastAudit('decision')).toMatchObject({ before: { decided_on: '2021-03-24' }, after: { decided_on: '2021-03-25', objectives: ['a', 'g'] } });
});

test('a release is corrected; a name that differs from another only in case is refused', async () => {
  const UPDATE = `mutation($name: String!, $input: UpdateReleaseInput!) { updateRelease(name: $name, input: $input) { name releaseDate version modifications { reference } } }`;
  await othersRefused(UPDATE, { name: 'June 2021 SEC Release', input: { releaseDate: '2021-06-25' } });
  await refused(UPDATE, { name: 'Standalone SEC Release (23 April 2021)', input: { name: 'june 2021 sec release' } },
    'A release named "June 2021 SEC Release" exists already (rule: release names are unique whatever their case)');
  await refused(`mutation { createRelease(input: { name: "JUNE 2021 SEC RELEASE", kind: SCHEDULED }) { id } }`, {}, /^A release named "June 2021 SEC Release" exists already/);
  const moved = await app.gql(UPDATE, { name: 'june 2021 SEC release', input: { releaseDate: '2021-06-25' } });
  expect(moved.data!.updateRelease).toMatchObject({ name: 'June 2021 SEC Release', releaseDate: '2021-06-25', version: 2 });
  expect(await lastAudit('release')).toMatchObject({ operation: 'mutation updateRelease', before: { release_on: '2021-06-24' }, after: { release_on: '2021-06-25' } });
  expect(moved.data!.updateRelease.modifications.map((m: { reference: string }) => m.reference).sort()).toEqual(['MP106', 'MP146']);
});

test('a record entered in error is struck out: gone from the register, its audit entries keep what it was and why', async () => {
  await app.gql(`mutation { createModification(input: { reference: "DP990", kind: DRAFT_PROPOSAL, title: "Entered in error", raisedOn: "2021-04-08" }) { id } }`);
  const STRIKE = `mutation($kind: RecordKind!, $id: ID!, $reason: String!) { strikeOut(kind: $kind, id: $id, reason: $reason) }`;
  await othersRefused(STRIKE, { kind: 'MODIFICATION', id: 'DP990', reason: 'duplicate' });
  await refused(STRIKE, { kind: 'MODIFICATION', id: 'DP991', reason: 'duplicate' }, 'Proposal "DP991" does not exist', 'NOT_FOUND');
  await refused(STRIKE, { kind: 'MODIFICATION', id: 'DP990', reason: '' }, 'Say why the record is struck out (reason): the audit log keeps it');
  expect((await app.gql(STRIKE, { kind: 'MODIFICATION', id: 'dp990', reason: 'A duplicate of DP156' })).data).toEqual({ strikeOut: true });
  expect((await app.gql(`{ modification(reference: "DP990") { id } }`)).data).toEqual({ modification: null });
  const entries = await app.db.query(`SELECT operation, action, before FROM audit_log WHERE target = 'DP990' AND action = 'DELETE'`);
  expect(entries).toContainEqual({ operation: 'mutation strikeOut (MODIFICATION): A duplicate of DP156', action: 'DELETE', before: expect.objectContaining({ reference: 'DP990', title: 'Entered in error' }) });
});

test('a report version built in error is withdrawn: readable, listed as withdrawn, never circulated; once', async () => {
  const built = (await app.gql(`mutation { regenerateReport(period: "2021-03", asOf: "2021-03-31") { id } }`)).data!.regenerateReport;
  await waitFor(async () => ((await app.gql(`query($id: ID!) { report(id: $id) { status } }`, { id: built.id })).data!.report.status === 'READY' ? true : undefined), 'the report');
  const WITHDRAW = `mutation($id: ID!, $reason: String!) { withdrawReport(id: $id, reason: $reason) { status withdrawnAt withdrawnReason markdown } }`;
  await othersRefused(WITHDRAW, { id: built.id, reason: 'wrong month' });
  const withdrawn = (await app.gql(WITHDRAW, { id: built.id, reason: 'Built for the wrong month' })).data!.withdrawReport;
  expect(withdrawn).toMatchObject({ status: 'READY', withdrawnAt: expect.any(String), withdrawnReason: 'Built for the wrong month', markdown: expect.stringContaining('Change Status Report') });
  expect((await app.gql(`{ reports(period: "2021-03") { id withdrawnAt } }`, undefined, app.keys.READER)).data!.reports).toContainEqual({ id: built.id, withdrawnAt: withdrawn.withdrawnAt });
  const audit = await lastAudit('report');
  expect(audit).toMatchObject({ operation: 'mutation withdrawReport', before: { withdrawn_at: null }, after: { withdrawn_reason: 'Built for the wrong month' } });
  expect(Object.keys(audit.after)).not.toContain('markdown');
  await refused(WITHDRAW, { id: built.id, reason: 'again' }, /^Version 1 of 2021-03 was withdrawn already/);
});

test('holidays: the calendar\'s own and those an admin added; one added in error is removed and every deadline moves back', async () => {
  const HOLIDAYS = `query($year: Int!) { holidays(year: $year) { date name addedByAdmin } }`;
  const of2022 = (await app.gql(HOLIDAYS, { year: 2022 }, app.keys.READER)).data!.holidays;
  expect(of2022).toContainEqual({ date: '2022-09-19', name: expect.stringMatching(/Funeral/), addedByAdmin: false });
  expect(of2022.map((h: { date: string }) => h.date)).toEqual([...of2022.map((h: { date: string }) => h.date)].sort());

  await app.gql(`mutation { addHoliday(date: "2021-04-14", name: "Added in error") }`);
  const REMOVE = `mutation($date: LocalDate!) { removeHoliday(date: $date) }`;
  expect((await app.gql(HOLIDAYS, { year: 2021 })).data!.holidays).toContainEqual({ date: '2021-04-14', name: 'Added in error', addedByAdmin: true });
  expect((await app.gql(`{ addWorkingDays(date: "2021-04-13", days: 1) }`)).data).toEqual({ addWorkingDays: '2021-04-15' });
  await othersRefused(REMOVE, { date: '2021-04-14' });
  await refused(REMOVE, { date: '2021-04-02' }, /^2021-04-02 is a bank holiday by the calendar's own rules \(Good Friday\)/);
  await refused(REMOVE, { date: '2021-04-15' }, 'Holiday "2021-04-15" does not exist', 'NOT_FOUND');
  expect((await app.gql(REMOVE, { date: '2021-04-14' })).data).toEqual({ removeHoliday: true });
  expect((await app.gql(`{ addWorkingDays(date: "2021-04-13", days: 1) }`)).data).toEqual({ addWorkingDays: '2021-04-14' });
  expect(await lastAudit('holiday')).toMatchObject({ operation: 'mutation removeHoliday', action: 'DELETE', before: { name: 'Added in error' } });
  const [owed] = await app.db.query(`SELECT payload FROM owed_job WHERE name = 'sla-recompute' ORDER BY id DESC LIMIT 1`);
  expect(owed.payload).toEqual({ asOf: '2021-04-09', spanning: ['2021-04-14'], reason: 'holiday-removed' });
});
