import { snapshot } from '../support/db-snapshot';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.gql(`mutation { createModification(input: { reference: "MP141", title: "Test", kind: MODIFICATION_PROPOSAL }) { id } }`);
});
afterAll(async () => { await app.stop(); });

const FIELDS = `id acceptedOn returnedOn targetCompletionOn version pauses { from to reason } sla(asOf: $asOf) { asOf status elapsedWorkingDays remainingWorkingDays }`;

async function requestPa(requestedOn = '2021-03-05') {
  const res = await app.gql(`mutation { requestAssessment(input: { modification: "MP141", type: PRELIMINARY, requestedOn: "${requestedOn}", changeRequest: "CR4242" }) { id targetWorkingDays } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.requestAssessment.targetWorkingDays).toBe(15);
  return res.data!.requestAssessment.id as string;
}

async function act(mutation: string, id: string, asOf = '2021-04-09') {
  return app.gql(`mutation($id: ID!, $asOf: LocalDate) { ${mutation.replace('ID', '$id')} { ${FIELDS} } }`, { id, asOf });
}

test('a PA accepted on 9 March 2021 is due on 30 March, and is overdue on 9 April', async () => {
  const id = await requestPa();
  const waiting = await app.gql(`query($id: ID!) { assessment(id: $id) { sla(asOf: "2021-03-08") { status elapsedWorkingDays } } }`, { id });
  expect(waiting.data!.assessment.sla).toEqual({ status: 'AWAITING_ACCEPTANCE', elapsedWorkingDays: null });
  const accepted = await act('acceptAssessment(id: ID, acceptedOn: "2021-03-09")', id);
  expect(accepted.errors).toBeUndefined();
  // 10 to 31 March is 16 Working Days; 1 April, then 6 to 9 April (Good Friday and Easter Monday are holidays).
  expect(accepted.data!.acceptAssessment).toMatchObject({
    acceptedOn: '2021-03-09', targetCompletionOn: '2021-03-30', version: 2,
    sla: { asOf: '2021-04-09', status: 'OVERDUE', elapsedWorkingDays: 21, remainingWorkingDays: -6 },
  });
  const dueSoon = await app.gql(`query($id: ID!) { assessment(id: $id) { sla(asOf: "2021-03-25") { status remainingWorkingDays } } }`, { id });
  expect(dueSoon.data!.assessment.sla).toEqual({ status: 'DUE_SOON', remainingWorkingDays: 3 });
  const onTrack = await app.gql(`query($id: ID!) { assessment(id: $id) { sla(asOf: "2021-03-24") { status } } }`, { id });
  expect(onTrack.data!.assessment.sla.status).toBe('ON_TRACK');
});

test('a pause stops the clock and moves the target; the target is unknown while it is open', async () => {
  const id = await requestPa();
  await act('acceptAssessment(id: ID, acceptedOn: "2021-03-09")', id);
  const paused = await act('pauseAssessment(id: ID, from: "2021-03-15", reason: "Awaiting clarification from the Proposer")', id, '2021-03-16');
  expect(paused.data!.pauseAssessment).toMatchObject({ targetCompletionOn: null, sla: { status: 'PAUSED', elapsedWorkingDays: 3 } });
  const resumed = await act('resumeAssessment(id: ID, on: "2021-03-22")', id, '2021-03-22');
  // 15 to 19 March did not count: the target moves on by five Working Days from 30 March,
  // over Good Friday and Easter Monday, to 8 April.
  expect(resumed.data!.resumeAssessment).toMatchObject({
    targetCompletionOn: '2021-04-08',
    pauses: [{ from: '2021-03-15', to: '2021-03-22', reason: 'Awaiting clarification from the Proposer' }],
    sla: { status: 'ON_TRACK', elapsedWorkingDays: 4 },
  });
  const returned = await act('returnAssessment(id: ID, returnedOn: "2021-04-08", costGbp: 1250.5)', id);
  expect(returned.data!.returnAssessment).toMatchObject({ returnedOn: '2021-04-08', sla: { status: 'COMPLETED_ON_TIME', elapsedWorkingDays: 15 } });
});

test('overdue assessments are listed by status on a given day', async () => {
  await app.gql(`mutation { createModification(input: { reference: "MP142", title: "Listing", kind: MODIFICATION_PROPOSAL }) { id } }`);
  for (const [type, acceptedOn] of [['PRELIMINARY', '2021-03-09'], ['IMPACT', '2021-03-09'], ['PRELIMINARY', '2021-04-01']]) {
    const r = await app.gql(`mutation { requestAssessment(input: { modification: "MP142", type: ${type}, requestedOn: "2021-03-01" }) { id } }`);
    await act(`acceptAssessment(id: ID, acceptedOn: "${acceptedOn}")`, r.data!.requestAssessment.id);
  }
  const res = await app.gql(`{ assessments(filter: { asOf: "2021-04-09", statuses: [OVERDUE], modification: "MP142" }) { totalCount edges { node { type acceptedOn sla(asOf: "2021-04-09") { status elapsedWorkingDays } } } } }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.assessments.totalCount).toBe(1);
  expect(res.data!.assessments.edges[0].node).toEqual({ type: 'PRELIMINARY', acceptedOn: '2021-03-09', sla: { status: 'OVERDUE', elapsedWorkingDays: 21 } });
  const open = await app.gql(`{ assessments(filter: { asOf: "2021-04-09", statuses: [ON_TRACK, DUE_SOON], modification: "MP142" }) { totalCount edges { node { type acceptedOn } } } }`);
  expect(open.data!.assessments.totalCount).toBe(2);
  expect(open.data!.assessments.edges.map((e: any) => e.node)).toEqual(
    expect.arrayContaining([{ type: 'PRELIMINARY', acceptedOn: '2021-04-01' }, { type: 'IMPACT', acceptedOn: '2021-03-09' }]),
  );
});

test('the assessment lifecycle refuses what the SLA rules forbid, and changes nothing', async () => {
  const id = await requestPa('2021-02-04');
  const before = await snapshot(app.db);
  const cases: Array<[string, string, string]> = [
    ['pauseAssessment(id: ID, from: "2021-02-10", reason: "x")', 'BAD_USER_INPUT', 'No clock runs before the DCC accepts'],
    ['returnAssessment(id: ID, returnedOn: "2021-02-20")', 'BAD_USER_INPUT', 'has not accepted the assessment yet'],
    ['acceptAssessment(id: ID, acceptedOn: "2021-02-03")', 'BAD_USER_INPUT', 'is before the request of 2021-02-04'],
    ['resumeAssessment(id: ID, on: "2021-02-10")', 'BAD_USER_INPUT', 'is not paused'],
  ];
  for (const [mutation, code, message] of cases) {
    const res = await act(mutation, id);
    expect([mutation, res.errors?.[0].extensions?.code]).toEqual([mutation, code]);
    expect(res.errors?.[0].message).toContain(message);
  }
  expect(await snapshot(app.db)).toEqual(before);

  await act('acceptAssessment(id: ID, acceptedOn: "2021-02-05")', id);
  await act('pauseAssessment(id: ID, from: "2021-02-10", reason: "first")', id);
  await act('resumeAssessment(id: ID, on: "2021-02-14")', id);
  const after = await snapshot(app.db);
  const more: Array<[string, string]> = [
    ['pauseAssessment(id: ID, from: "2021-02-12", reason: "overlaps")', 'overlaps the pause from 2021-02-10 to 2021-02-14'],
    ['pauseAssessment(id: ID, from: "2021-02-05", reason: "on acceptance")', 'A pause starts after acceptance'],
    ['returnAssessment(id: ID, returnedOn: "2021-02-04")', 'is before acceptance on 2021-02-05'],
    ['returnAssessment(id: ID, returnedOn: "2021-02-20", costGbp: -5)', 'costGbp must be between 0'],
    ['acceptAssessment(id: ID, acceptedOn: "2021-02-06")', 'already accepted on 2021-02-05'],
  ];
  for (const [mutation, message] of more) {
    const res = await act(mutation, id);
    expect([mutation, res.errors?.[0].extensions?.code]).toEqual([mutation, 'BAD_USER_INPUT']);
    expect(res.errors?.[0].message).toContain(message);
  }
  expect(await snapshot(app.db)).toEqual(after);
});

test('a returned assessment cannot be paused afterwards', async () => {
  const id = await requestPa();
  await act('acceptAssessment(id: ID, acceptedOn: "2021-03-09")', id);
  await act('returnAssessment(id: ID, returnedOn: "2021-03-30")', id);
  const before = await snapshot(app.db);
  const res = await act('pauseAssessment(id: ID, from: "2021-03-20", reason: "too late")', id);
  expect(res.errors?.[0]).toMatchObject({ message: 'The assessment was returned on 2021-03-30: its clock has stopped for good', extensions: { code: 'BAD_USER_INPUT' } });
  expect(await snapshot(app.db)).toEqual(before);
});

test('each mutation of one document sees what the previous one wrote', async () => {
  const id = await requestPa();
  await act('acceptAssessment(id: ID, acceptedOn: "2021-03-09")', id);
  const res = await app.gql(`mutation($id: ID!) {
    p: pauseAssessment(id: $id, from: "2021-03-15", reason: "clarification") { pauses { to } }
    r: resumeAssessment(id: $id, on: "2021-03-22") { pauses { to } targetCompletionOn sla(asOf: "2021-03-23") { status } }
  }`, { id });
  expect(res.errors).toBeUndefined();
  expect(res.data).toEqual({
    p: { pauses: [{ to: null }] },
    r: { pauses: [{ to: '2021-03-22' }], targetCompletionOn: '2021-04-08', sla: { status: 'ON_TRACK' } },
  });
});

test('the database itself refuses a second open pause and overlapping pauses', async () => {
  const id = await requestPa();
  await act('acceptAssessment(id: ID, acceptedOn: "2021-03-09")', id);
  await app.db.query(`INSERT INTO assessment_pause (assessment_id, from_on, reason) VALUES ($1, '2021-03-15', 'a')`, [id]);
  await expect(app.db.query(`INSERT INTO assessment_pause (assessment_id, from_on, reason) VALUES ($1, '2021-03-20', 'b')`, [id])).rejects.toThrow(/assessment_pause/);
  await app.db.query(`UPDATE assessment_pause SET to_on = '2021-03-22' WHERE assessment_id = $1`, [id]);
  await expect(app.db.query(`INSERT INTO assessment_pause (assessment_id, from_on, to_on, reason) VALUES ($1, '2021-03-18', '2021-03-25', 'c')`, [id])).rejects.toThrow(/assessment_pause_no_overlap/);
});
