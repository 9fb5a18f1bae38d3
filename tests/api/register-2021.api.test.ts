import path from 'node:path';
import { importRegisterFile } from '../../src/register-import';
import { startTestApp, type TestApp } from '../support/test-app';
import { testServiceContext } from '../support/service-context';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json'));
});
afterAll(async () => { await app.stop(); });

test('on the day of the April 2021 report, the overdue assessments carry Working Days by the Code', async () => {
  const res = await app.gql(`{ assessments(filter: { asOf: "2021-04-09", statuses: [OVERDUE] }) { totalCount edges { node {
      modification { reference } type changeRequest acceptedOn targetCompletionOn
      sla(asOf: "2021-04-09") { status elapsedWorkingDays remainingWorkingDays } } } } }`, undefined, app.keys.READER);
  expect(res.errors).toBeUndefined();
  // The report printed 94 and 47 days for MP107 and MP140: it counted plain weekdays, bank
  // holidays and the acceptance day included. By the Code's rule (SPEC) they are 88 and 44.
  expect(res.data!.assessments).toEqual({
    totalCount: 3,
    edges: [
      { node: { modification: { reference: 'MP107' }, type: 'IMPACT', changeRequest: 'CR1352', acceptedOn: '2020-12-01', targetCompletionOn: '2021-01-29', sla: { status: 'OVERDUE', elapsedWorkingDays: 88, remainingWorkingDays: -48 } } },
      { node: { modification: { reference: 'MP140' }, type: 'PRELIMINARY', changeRequest: null, acceptedOn: '2021-02-04', targetCompletionOn: '2021-02-25', sla: { status: 'OVERDUE', elapsedWorkingDays: 44, remainingWorkingDays: -29 } } },
      { node: { modification: { reference: 'MP141' }, type: 'PRELIMINARY', changeRequest: 'CR4242', acceptedOn: '2021-03-09', targetCompletionOn: '2021-03-30', sla: { status: 'OVERDUE', elapsedWorkingDays: 21, remainingWorkingDays: -6 } } },
    ],
  });
});

test('the register answers the report figures and the proposals around it', async () => {
  const res = await app.gql(`{
    cpm: codePerformanceMeasure(month: "2021-03") { due completedWithinTarget percentage targetPercentage }
    none: codePerformanceMeasure(month: "2020-07") { due percentage }
    awaiting: assessments(filter: { asOf: "2021-04-09", statuses: [AWAITING_ACCEPTANCE] }) { edges { node { modification { reference } requestedOn } } }
    mp105: modification(reference: "MP105") { phase targetRelease { name releaseDate } decisions { body on outcome } }
    panel: meetings(body: PANEL) { date agenda { reference } agendaDeadline papersDeadline }
  }`);
  expect(res.errors).toBeUndefined();
  expect(res.data!.cpm).toEqual({ due: 1, completedWithinTarget: 0, percentage: 0, targetPercentage: 100 });
  expect(res.data!.none).toEqual({ due: 0, percentage: null });
  expect(res.data!.awaiting.edges).toEqual([{ node: { modification: { reference: 'MP125' }, requestedOn: '2020-09-03' } }]);
  expect(res.data!.mp105).toEqual({
    phase: 'APPROVED',
    targetRelease: { name: 'November 2021 SEC Release', releaseDate: '2021-11-04' },
    decisions: [{ body: 'CHANGE_BOARD', on: '2021-03-24', outcome: 'APPROVED' }],
  });
  expect(res.data!.panel).toEqual([{
    date: '2021-04-16', agenda: [{ reference: 'MP099' }, { reference: 'MP144' }, { reference: 'DP153' }],
    agendaDeadline: '2021-03-31', papersDeadline: '2021-04-09',
  }]);
});
