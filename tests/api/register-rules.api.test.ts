import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importRegisterFile } from '../../src/register-import';
import { importRegisterSpreadsheet } from '../../src/register-sheets';
import { snapshot } from '../support/db-snapshot';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

/**
 * Impossible facts are refused, each refusal naming the rule and the conflicting fact, and
 * nothing changes; the same rules hold for the API, the register file and the spreadsheet. The
 * app's "today" is Friday 9 April 2021.
 */
let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), DEMO);
  dir = mkdtempSync(path.join(os.tmpdir(), 'sec-rules-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await app?.stop();
});

async function refusedByRule(query: string, rule: string, conflict: RegExp) {
  const before = await snapshot(app.db);
  const res = await app.gql(query);
  expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', details: { rule } }, message: expect.stringMatching(conflict) });
  expect(await snapshot(app.db)).toEqual(before);
}

test.each([
  ['a Draft Proposal with a Modification Proposal\'s reference', `mutation { createModification(input: { reference: "MP777", kind: DRAFT_PROPOSAL, title: "x" }) { id } }`,
    'referencesByKind', /^reference "MP777" is no reference for a Draft Proposal \(rule: references match their kind/],
  ['a Modification Proposal named like nothing of the Code', `mutation { createModification(input: { reference: "XY12", kind: MODIFICATION_PROPOSAL, title: "x" }) { id } }`,
    'referencesByKind', /^reference "XY12" is no reference for a Modification Proposal/],
  ['a conversion to a Draft Proposal\'s reference', `mutation { convertDraftProposal(reference: "DP156", newReference: "DP900") { id } }`,
    'referencesByKind', /^newReference "DP900" is a Draft Proposal's/],
  ['a proposal raised in 2031', `mutation { createModification(input: { reference: "DP777", kind: DRAFT_PROPOSAL, title: "x", raisedOn: "2031-01-06" }) { id } }`,
    'factsNotAfterToday', /^raisedOn 2031-01-06 is after today, Friday 9 April 2021 \(rule: a fact/],
  ['a phase change dated 2030', `mutation { changePhase(reference: "DP156", phase: WITHDRAWN, on: "2030-01-07") { phase } }`,
    'factsNotAfterToday', /^on 2030-01-07 is after today/],
  ['an assessment requested next week', `mutation { requestAssessment(input: { modification: "MP141", type: IMPACT, requestedOn: "2021-04-12" }) { id } }`,
    'factsNotAfterToday', /^requestedOn 2021-04-12 is after today/],
  ['a Panel meeting on a Saturday', `mutation { scheduleMeeting(input: { body: PANEL, date: "2021-04-17" }) { id } }`,
    'meetingsOnWorkingDays', /^Saturday 17 April 2021 is not a Working Day \(rule: meetings fall on Working Days\)$/],
  ['a Working Group meeting given a Panel\'s number', `mutation { scheduleMeeting(input: { body: WORKING_GROUP, date: "2021-06-02", number: 93 }) { id } }`,
    'onlyPanelsNumbered', /^a WORKING_GROUP meeting has no number; 93 was given \(rule: only the Panel's meetings have a number/],
  ['an Authority decision on a Draft Proposal still in Define', `mutation { recordDecision(input: { modification: "DP156", body: AUTHORITY, on: "2021-04-09", outcome: "APPROVED" }) { id } }`,
    'decisionsFitTheProposal', /^AUTHORITY on DP156 on 2021-04-09: it is a Draft Proposal \(rule: a decision fits the proposal on its day/],
  ['an Authority decision on a Self-Governance proposal', `mutation { recordDecision(input: { modification: "MP105", body: AUTHORITY, on: "2021-04-09", outcome: "APPROVED" }) { id } }`,
    'decisionsFitTheProposal', /^AUTHORITY on MP105 on 2021-04-09: its path is SELF_GOVERNANCE: the Authority decides only what is sent to it/],
  ['objectives that are not the Code\'s', `mutation { recordDecision(input: { modification: "MP105", body: PANEL, on: "2021-04-09", outcome: "NOTED", objectives: ["zz"] }) { id } }`,
    'secObjectives', /^"zz" is no SEC Objective \(rule: SEC Objectives are \(a\) to \(i\)\)$/],
  ['a release named like another but for its case', `mutation { createRelease(input: { name: "june 2021 sec release", kind: SCHEDULED }) { id } }`,
    'releaseNamesUnique', /^A release named "June 2021 SEC Release" exists already/],
  ['a report for 2999', `mutation { regenerateReport(period: "2999-01") { id } }`, 'withinTheRegister', /^period 2999-01 is more than a year after today/],
  ['a report for 1899', `mutation { regenerateReport(period: "1899-01") { id } }`, 'withinTheRegister', /^period 1899-01 is before the register's first fact/],
  ['a recompute as of 2150', `mutation { recomputeSla(asOf: "2150-01-01") { id } }`, 'withinTheRegister', /^asOf 2150-01-01 is more than a year after today/],
])('%s is refused, naming the rule', async (_what, query, rule, conflict) => {
  await refusedByRule(query, rule, conflict);
});

test('a phase change dated today is a fact; a meeting and a consultation next month are plans: all allowed', async () => {
  expect((await app.gql(`mutation { scheduleMeeting(input: { body: PANEL, date: "2021-05-21" }) { date } }`)).errors).toBeUndefined();
  expect((await app.gql(`mutation { openConsultation(input: { modification: "MP141", kind: REFINEMENT, opensOn: "2021-05-10", closesOn: "2021-05-28" }) { opensOn } }`)).errors).toBeUndefined();
  expect((await app.gql(`mutation { setExpectedCompletion(id: "${(await app.db.query(`SELECT a.id FROM assessment a JOIN modification m ON m.id = a.modification_id WHERE m.reference = 'MP141'`))[0].id}", expectedCompletionOn: "2021-06-30") { expectedCompletionOn } }`)).errors).toBeUndefined();
  expect((await app.gql(`mutation { changePhase(reference: "DP156", phase: WITHDRAWN, on: "2021-04-09") { phase } }`)).data).toEqual({ changePhase: { phase: 'WITHDRAWN' } });
});

test('a register file is held to the same rules: every entry that breaks one is named, and nothing is written', async () => {
  const file = JSON.parse(readFileSync(DEMO, 'utf8'));
  file.modifications.push({ reference: 'MP777', kind: 'DRAFT_PROPOSAL', phase: 'DEFINE', onHold: false, raisedOn: '2031-01-06' });
  file.meetings.push({ body: 'PANEL', date: '2021-04-17' });
  file.meetings.push({ body: 'CHANGE_BOARD', date: '2021-04-28', number: 12 });
  file.decisions.push({ modification: 'MP105', body: 'PANEL', on: '2021-04-01', outcome: 'NOTED', objectives: ['(a)', 'zz'] });
  file.decisions.push({ modification: 'DP153', body: 'AUTHORITY', on: '2021-04-01', outcome: 'APPROVED' });
  file.releases.push({ name: 'june 2021 sec release', kind: 'SCHEDULED', modifications: [] });
  const at = path.join(dir, 'impossible.json');
  writeFileSync(at, JSON.stringify(file));
  const before = await snapshot(app.db);
  const refusal = await importRegisterFile(testServiceContext(app.db), at).catch((err: Error) => err.message);
  expect(refusal).toMatch(/releases\[\d+\] \(june 2021 sec release\): has the same name \(whatever its case\) as releases\[\d+\] \(June 2021 SEC Release\)/);
  file.releases.pop();
  writeFileSync(at, JSON.stringify(file));
  const message = await importRegisterFile(testServiceContext(app.db), at).catch((err: Error) => err.message);
  expect(message).toMatch(/modifications\[\d+\] \(MP777\): reference "MP777" is no reference for a Draft Proposal \(rule: references match their kind/);
  expect(message).toMatch(/modifications\[\d+\] \(MP777\): raisedOn 2031-01-06 is after today/);
  expect(message).toMatch(/meetings\[\d+\] \(PANEL 2021-04-17\): Saturday 17 April 2021 is not a Working Day/);
  expect(message).toMatch(/meetings\[\d+\] \(CHANGE_BOARD 2021-04-28\): a CHANGE_BOARD meeting has no number; 12 was given \(rule: only the Panel's meetings have a number/);
  expect(message).toMatch(/decisions\[\d+\] \(MP105 PANEL 2021-04-01 NOTED\): "zz" is no SEC Objective \(rule: SEC Objectives are \(a\) to \(i\)\)/);
  expect(message).toMatch(/decisions\[\d+\] \(DP153 AUTHORITY 2021-04-01 APPROVED\): AUTHORITY on DP153 on 2021-04-01: it is a Draft Proposal/);
  expect(await snapshot(app.db)).toEqual(before);
});

test('a spreadsheet is held to the same rules', async () => {
  const at = path.join(dir, 'proposals.csv');
  writeFileSync(at, 'Reference,Kind,Phase,On hold,Raised\nMP778,DRAFT_PROPOSAL,DEFINE,No,2021-04-01\n');
  const before = await snapshot(app.db);
  await expect(importRegisterSpreadsheet(testServiceContext(app.db), at, { asOf: '2021-04-09' })).rejects.toThrow(/MP778.*reference "MP778" is no reference for a Draft Proposal \(rule: references match their kind/);
  expect(await snapshot(app.db)).toEqual(before);
});
