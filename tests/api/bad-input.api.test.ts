import { snapshot } from '../support/db-snapshot';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.gql(`mutation { createModification(input: { reference: "MP107", title: "Existing", kind: MODIFICATION_PROPOSAL }) { id } }`);
});
afterAll(async () => { await app.stop(); });

const LONG = 'x'.repeat(20_000);
/** Each: a document, and the code the client must get. None may be INTERNAL_SERVER_ERROR or change anything. */
const BATTERY: Array<[string, string]> = [
  [`{ modification(reference: "MP107") { assessments { sla(asOf: "2021-13-01") { status } } } }`, 'BAD_USER_INPUT'],
  [`{ addWorkingDays(date: "2021-4-9", days: 1) }`, 'BAD_USER_INPUT'],
  [`{ addWorkingDays(date: "2021-04-09", days: 99999999) }`, 'BAD_USER_INPUT'],
  [`{ addWorkingDays(date: "2021-04-09", days: 99999999999) }`, 'GRAPHQL_VALIDATION_FAILED'],
  [`{ isWorkingDay(date: 20210409) }`, 'BAD_USER_INPUT'],
  [`{ modifications(first: 501) { totalCount } }`, 'BAD_USER_INPUT'],
  [`{ modifications(first: -1) { totalCount } }`, 'BAD_USER_INPUT'],
  [`{ modifications(after: "not-a-cursor") { totalCount } }`, 'BAD_USER_INPUT'],
  [`{ assessments(after: "eyJ4IjoxfQ") { totalCount } }`, 'BAD_USER_INPUT'],
  [`{ assessments(filter: { modification: "MP000" }) { totalCount } }`, 'NOT_FOUND'],
  [`{ codePerformanceMeasure(month: "April") { due } }`, 'BAD_USER_INPUT'],
  [`{ meetings(from: "2021-05-01", to: "2021-04-01") { id } }`, 'BAD_USER_INPUT'],
  [`{ modifications(filter: { phases: [LIMBO] }) { totalCount } }`, 'GRAPHQL_VALIDATION_FAILED'],
  [`mutation { createModification(input: { reference: "MP107", title: "Again", kind: MODIFICATION_PROPOSAL }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { createModification(input: { reference: "not a ref!", title: "t", kind: MODIFICATION_PROPOSAL }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { createModification(input: { reference: "MP500", title: "", kind: MODIFICATION_PROPOSAL }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { createModification(input: { reference: "MP501", title: "${LONG}", kind: MODIFICATION_PROPOSAL }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { createModification(input: { reference: "MP502", title: "t", kind: MODIFICATION_PROPOSAL, raisedOn: "yesterday" }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { updateModification(reference: "MP404", input: { title: "t" }) { id } }`, 'NOT_FOUND'],
  [`mutation { updateModification(reference: "MP107", input: { dependsOn: ["MP107"] }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { updateModification(reference: "MP107", input: { dependsOn: ["MP404", "MP405"] }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { updateModification(reference: "MP107", input: { targetRelease: "No such release" }) { id } }`, 'NOT_FOUND'],
  [`mutation { updateModification(reference: "MP107", input: { onHold: true }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { changePhase(reference: "MP107", phase: IMPLEMENTED, on: "2021-04-09") { id } }`, 'BAD_USER_INPUT'],
  [`mutation { changePhase(reference: "MP404", phase: REFINE, on: "2021-04-09") { id } }`, 'NOT_FOUND'],
  [`mutation { requestAssessment(input: { modification: "MP107", type: IMPACT, requestedOn: "2021-04-09", targetWorkingDays: -40 }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { requestAssessment(input: { modification: "MP107", type: IMPACT, requestedOn: "2021-04-09", targetWorkingDays: 0 }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { requestAssessment(input: { modification: "MP404", type: IMPACT, requestedOn: "2021-04-09" }) { id } }`, 'NOT_FOUND'],
  [`mutation { acceptAssessment(id: "not-a-uuid", acceptedOn: "2021-04-09") { id } }`, 'NOT_FOUND'],
  [`mutation { acceptAssessment(id: "00000000-0000-4000-8000-000000000000", acceptedOn: "2021-04-09") { id } }`, 'NOT_FOUND'],
  [`mutation { returnAssessment(id: "00000000-0000-4000-8000-000000000000", returnedOn: "2021-04-09", costGbp: 1e400) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { scheduleMeeting(input: { body: PANEL, date: "2021-04-16", agenda: ["MP107", "MP107"] }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { setAgenda(meetingId: "x", references: []) { id } }`, 'NOT_FOUND'],
  [`mutation { openConsultation(input: { modification: "MP107", kind: REFINEMENT, opensOn: "2021-04-12", closesOn: "2021-04-01" }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { recordDecision(input: { modification: "MP107", body: PANEL, on: "2021-04-16", outcome: "  " }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { createRelease(input: { name: "R", kind: SCHEDULED, releaseDate: "2021-06-24", modificationReportDeadline: "2021-07-01" }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { planWorkPackage(input: { modification: "MP107", tasks: [], returnToPanelMonth: "2021-05" }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { completeWorkPackage(id: "00000000-0000-4000-8000-000000000000", on: "2021-04-09") { id } }`, 'NOT_FOUND'],
  [`mutation { addHoliday(date: "2021-04-10", name: "A Saturday") }`, 'BAD_USER_INPUT'],
  [`mutation { addHoliday(date: "2021-12-27", name: "Already one") }`, 'BAD_USER_INPUT'],
  [`mutation { addHoliday(date: "2021-04-12", name: "") }`, 'BAD_USER_INPUT'],
  // Dates PostgreSQL or the calendar cannot take, hand-made cursors and NUL characters.
  [`mutation { createModification(input: { reference: "MP503", title: "t", kind: MODIFICATION_PROPOSAL, raisedOn: "0000-06-01" }) { id } }`, 'BAD_USER_INPUT'],
  [`mutation { addHoliday(date: "0000-06-01", name: "Year zero") }`, 'BAD_USER_INPUT'],
  [`{ meetings(from: "0000-01-01") { id } }`, 'BAD_USER_INPUT'],
  [`{ assessmentTimescales(asOf: "0000-06-01") { asOf } }`, 'BAD_USER_INPUT'],
  [`{ addWorkingDays(date: "2199-12-30", days: 5) }`, 'BAD_USER_INPUT'],
  [`{ addWorkingDays(date: "9999-12-30", days: 5) }`, 'BAD_USER_INPUT'],
  [`{ assessments(after: "${Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')}") { totalCount } }`, 'BAD_USER_INPUT'],
  [`{ assessments(after: "${Buffer.from(JSON.stringify(['2021-01-01', 'zz'])).toString('base64url')}") { totalCount } }`, 'BAD_USER_INPUT'],
  [`{ assessments(after: "${Buffer.from(JSON.stringify([null, null])).toString('base64url')}") { totalCount } }`, 'BAD_USER_INPUT'],
  [`{ modification(reference: "MP\\u0000") { id } }`, 'BAD_USER_INPUT'],
  [`{ modifications(filter: { search: "a\\u0000" }) { totalCount } }`, 'BAD_USER_INPUT'],
  [`mutation { createModification(input: { reference: "MP504", title: "nul \\u0000", kind: MODIFICATION_PROPOSAL }) { id } }`, 'BAD_USER_INPUT'],
];

test.each(BATTERY)('%s is refused with %s and changes nothing', async (document, code) => {
  const before = await snapshot(app.db);
  const res = await app.gql(document);
  expect(res.errors?.length).toBeGreaterThan(0);
  expect(res.errors![0].extensions?.code).toBe(code);
  expect(res.errors![0].message.length).toBeGreaterThan(10);
  expect(res.errors![0].message).not.toMatch(/internal|QueryFailed|violates/i);
  expect(await snapshot(app.db)).toEqual(before);
});
