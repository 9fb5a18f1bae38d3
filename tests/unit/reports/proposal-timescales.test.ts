import { createWorkingCalendar } from '../../../src/calendar/working-calendar';
import { proposalTimescales } from '../../../src/sla/report-figures';

const cal = createWorkingCalendar();
const open = (raisedOn: string | null) => ({ raisedOn, concludedOn: null, ended: false });
const concluded = (raisedOn: string | null, concludedOn: string) => ({ raisedOn, concludedOn, ended: true });

test('open proposals: their mean age in Working Days on the day, bank holidays excluded', () => {
  // DP156 raised Mon 1 Mar 2021: 22 Working Days to Wed 31 Mar (the day raised not counted). DP157 raised Mon 22 Mar: 7.
  const t = proposalTimescales([open('2021-03-01'), open('2021-03-22')], '2021-03-31', cal);
  expect(t.open).toEqual({ count: 2, averageWorkingDays: 14.5, measured: 2 });
  expect(t.concluded).toEqual({ count: 0, averageWorkingDays: null, measured: 0 });
});

test('concluded in the 12 months: mean Working Days from raised to decision; older ones are out, later ones still open then', () => {
  const t = proposalTimescales([
    // Raised Thu 1 Apr 2021, approved Thu 8 Apr 2021: Good Friday and Easter Monday excluded, 3 Working Days.
    concluded('2021-04-01', '2021-04-08'),
    concluded('2019-01-07', '2020-03-31'), // concluded before the window
    concluded('2021-03-01', '2021-05-04'), // after the day: still open on it
  ], '2021-04-30', cal);
  expect(t.concluded).toEqual({ count: 1, averageWorkingDays: 3, measured: 1 });
  expect(t.open).toEqual({ count: 1, averageWorkingDays: cal.workingDaysBetween('2021-03-01', '2021-04-30'), measured: 1 });
});

test('a proposal with no raised date is counted but not in the mean; one raised later, or ended with no dated conclusion, is in neither', () => {
  const t = proposalTimescales([open(null), open('2021-03-22'), open('2021-05-01'), { raisedOn: '2020-01-06', concludedOn: null, ended: true }], '2021-03-31', cal);
  expect(t.open).toEqual({ count: 2, averageWorkingDays: 7, measured: 1 }); // the one without a raised date is not in the mean
});
