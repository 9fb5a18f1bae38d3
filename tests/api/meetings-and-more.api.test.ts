import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  for (const ref of ['SECMP0028', 'MP096', 'MP117']) {
    await app.gql(`mutation { createModification(input: { reference: "${ref}", title: "t", kind: MODIFICATION_PROPOSAL, phase: REFINE }) { id } }`);
  }
});
afterAll(async () => { await app.stop(); });

test('a meeting has its agenda in order and its deadlines in Working Days', async () => {
  const res = await app.gql(`mutation { scheduleMeeting(input: { body: WORKING_GROUP, date: "2021-04-07", agenda: ["SECMP0028", "MP096", "MP117"] }) {
    id date agenda { reference } agendaDeadline papersDeadline } }`);
  expect(res.errors).toBeUndefined();
  // 10 Working Days before 7 April 2021, skipping Good Friday and Easter Monday.
  expect(res.data!.scheduleMeeting).toMatchObject({
    date: '2021-04-07', agenda: [{ reference: 'SECMP0028' }, { reference: 'MP096' }, { reference: 'MP117' }],
    agendaDeadline: '2021-03-22', papersDeadline: '2021-03-29',
  });
  const reordered = await app.gql(`mutation($id: ID!) { setAgenda(meetingId: $id, references: ["MP117", "MP096"]) { agenda { reference } } }`, { id: res.data!.scheduleMeeting.id });
  expect(reordered.data!.setAgenda.agenda).toEqual([{ reference: 'MP117' }, { reference: 'MP096' }]);
  const bad = await app.gql(`mutation($id: ID!) { setAgenda(meetingId: $id, references: ["MP117", "NOPE1"]) { id } }`, { id: res.data!.scheduleMeeting.id });
  expect(bad.errors?.[0]).toMatchObject({ message: 'Proposal "NOPE1" does not exist', extensions: { code: 'NOT_FOUND' } });
  const meetings = await app.gql(`{ modification(reference: "MP117") { meetings { date } } }`);
  expect(meetings.data!.modification.meetings).toEqual([{ date: '2021-04-07' }]);
});

test('Working Groups land on the first Wednesday of each month that is a Working Day, once', async () => {
  const first = await app.gql(`mutation { scheduleWorkingGroups(year: 2021) { date } }`);
  expect(first.errors).toBeUndefined();
  const dates = first.data!.scheduleWorkingGroups.map((m: any) => m.date);
  expect(dates).toEqual([
    '2021-01-06', '2021-02-03', '2021-03-03', '2021-04-07', '2021-05-05', '2021-06-02',
    '2021-07-07', '2021-08-04', '2021-09-01', '2021-10-06', '2021-11-03', '2021-12-01',
  ]);
  const again = await app.gql(`mutation { scheduleWorkingGroups(year: 2021) { id } }`);
  expect(again.data!.scheduleWorkingGroups).toHaveLength(12);
  const listed = await app.gql(`{ meetings(from: "2021-01-01", to: "2021-12-31", body: WORKING_GROUP) { date } }`);
  expect(listed.data!.meetings).toHaveLength(12);
  const bad = await app.gql(`mutation { scheduleWorkingGroups(year: 20210) { date } }`);
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('consultations, decisions and work packages hang on their proposal', async () => {
  const c = await app.gql(`mutation { openConsultation(input: { modification: "MP096", kind: REFINEMENT, opensOn: "2021-04-12", closesOn: "2021-05-04" }) { kind opensOn closesOn modification { reference } } }`);
  expect(c.data!.openConsultation).toEqual({ kind: 'REFINEMENT', opensOn: '2021-04-12', closesOn: '2021-05-04', modification: { reference: 'MP096' } });
  const closesFirst = await app.gql(`mutation { openConsultation(input: { modification: "MP096", kind: MODIFICATION_REPORT, opensOn: "2021-04-12", closesOn: "2021-04-12" }) { id } }`);
  expect(closesFirst.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const within = await app.gql(`{ inside: consultations(from: "2021-04-20", to: "2021-04-25") { opensOn } after: consultations(from: "2021-05-05") { opensOn } }`);
  expect(within.data).toEqual({ inside: [{ opensOn: '2021-04-12' }], after: [] });

  const d = await app.gql(`mutation { recordDecision(input: { modification: "MP117", body: CHANGE_BOARD, on: "2021-03-24", outcome: "APPROVED", objectives: ["a"] }) { outcome objectives } }`);
  expect(d.data!.recordDecision).toEqual({ outcome: 'APPROVED', objectives: ['a'] });
  const twice = await app.gql(`mutation { recordDecision(input: { modification: "MP117", body: CHANGE_BOARD, on: "2021-03-24", outcome: "APPROVED" }) { outcome } }`);
  expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

  const wp = await app.gql(`mutation { planWorkPackage(input: { modification: "SECMP0028", tasks: ["Review with the Proposer"], returnToPanelMonth: "2021-05" }) { id overdue(asOf: "2021-05-31") late: overdue(asOf: "2021-06-01") } }`);
  expect(wp.data!.planWorkPackage).toMatchObject({ overdue: false, late: true });
  const overdue = await app.gql(`{ workPackages(overdueAsOf: "2021-06-01") { modification { reference } } notYet: workPackages(overdueAsOf: "2021-05-31") { id } }`);
  expect(overdue.data).toEqual({ workPackages: [{ modification: { reference: 'SECMP0028' } }], notYet: [] });
  const stalled = await app.gql(`{ modifications(filter: { phases: [REFINE] }) { edges { node { reference inTime: refinementStalled(asOf: "2021-05-31") late: refinementStalled(asOf: "2021-06-01") } } } }`);
  // SECMP0028 has a package returning in May 2021; the others have none, so they are stalled.
  expect(stalled.data!.modifications.edges.map((e: any) => e.node)).toEqual([
    { reference: 'MP096', inTime: true, late: true },
    { reference: 'MP117', inTime: true, late: true },
    { reference: 'SECMP0028', inTime: false, late: true },
  ]);
  // The filter says what the field says, for every proposal in every phase (not only REFINE), on both days.
  for (const asOf of ['2021-05-31', '2021-06-01']) {
    const all = await app.gql(`query($asOf: LocalDate!) { modifications(first: 500) { edges { node { reference refinementStalled(asOf: $asOf) } } }
      yes: modifications(first: 500, filter: { refinementStalled: true, asOf: $asOf }) { edges { node { reference } } }
      no: modifications(first: 500, filter: { refinementStalled: false, asOf: $asOf }) { totalCount } }`, { asOf });
    const stalledNow = all.data!.modifications.edges.filter((e: any) => e.node.refinementStalled).map((e: any) => e.node.reference);
    expect(all.data!.yes.edges.map((e: any) => e.node.reference)).toEqual(stalledNow);
    expect(all.data!.no.totalCount).toBe(all.data!.modifications.edges.length - stalledNow.length);
    expect(stalledNow).toContain('MP096');
  }
  const done = await app.gql(`mutation($id: ID!) { completeWorkPackage(id: $id, on: "2021-04-09") { completedOn overdue(asOf: "2021-07-01") } }`, { id: wp.data!.planWorkPackage.id });
  expect(done.data!.completeWorkPackage).toEqual({ completedOn: '2021-04-09', overdue: false });
  const badMonth = await app.gql(`mutation { planWorkPackage(input: { modification: "SECMP0028", tasks: ["x"], returnToPanelMonth: "2021-13" }) { id } }`);
  expect(badMonth.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(badMonth.errors?.[0].message).toContain('returnToPanelMonth must be YYYY-MM');
});
