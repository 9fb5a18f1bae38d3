import { createWorkingCalendar } from '../../../src/calendar/working-calendar';
import {
  AssessmentType,
  TypedAssessmentFacts,
  assessmentTimescales,
  codePerformanceMeasure,
} from '../../../src/sla/report-figures';

const cal = createWorkingCalendar();

function assessment(
  type: AssessmentType,
  acceptedOn: string | null,
  returnedOn: string | null,
  targetWorkingDays = type === 'PRELIMINARY' ? 15 : 40,
): TypedAssessmentFacts {
  return { type, acceptedOn, returnedOn, targetWorkingDays, pauses: [] };
}

/**
 * The assessments of ../shared/data/register-2021-04.json (the April 2021 Change Status Report),
 * copied as literals: the open ones with their acceptance dates, and the completed ones, whose
 * acceptance dates the source does not give.
 */
const REGISTER_2021_04: TypedAssessmentFacts[] = [
  assessment('IMPACT', '2020-12-01', null), // MP107 CR1352
  assessment('PRELIMINARY', '2021-02-04', null), // MP140
  assessment('PRELIMINARY', '2021-03-09', null), // MP141 CR4242
  assessment('PRELIMINARY', null, null), // MP125, requested 2020-09-03, not accepted
  ...[
    '2020-03-06', // MP093
    '2020-03-12', // SECMP0067
    '2020-04-30', // SECMP0015
    '2020-08-05', // SECMP0007
    '2020-08-18', // MP090
    '2020-08-20', // SECMP0056
    '2020-09-04', // MP122A
    '2020-11-25', // MP077
    '2020-12-21', // MP099
    '2021-01-13', // MP105
    '2021-03-12', // MP117
  ].map((returnedOn) => assessment('IMPACT', null, returnedOn)),
  ...[
    '2020-03-17', // MP099
    '2020-05-11', // MP090
    '2020-05-04', // MP105
    '2020-05-28', // MP122A
    '2020-06-05', // MP092
    '2020-06-11', // MP106
    '2020-06-17', // MP077
    '2020-06-25', // MP107
    '2020-07-16', // MP117
    '2020-07-29', // SECMP0066
    '2020-09-03', // MP078
    '2020-09-10', // MP085
    '2020-09-25', // MP100
    '2020-09-28', // MP109
    '2020-10-23', // SECMP0024
    '2020-10-27', // SECMP0010
    '2020-11-27', // MP119
    '2021-01-26', // MP104
  ].map((returnedOn) => assessment('PRELIMINARY', null, returnedOn)),
  assessment('PRELIMINARY', null, '2020-08-27', 40), // MP105, printed as a PA with a 40 WD target
];

describe('assessment timescales of the April 2021 register', () => {
  it('on 9 April 2021, by the rule', () => {
    expect(assessmentTimescales(REGISTER_2021_04, '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      // MP140 (44) and MP141 (21); the report printed 1 PA at 47, missing MP141 and counting
      // plain weekdays from the acceptance day.
      preliminaryOpen: { count: 2, averageWorkingDays: 32.5, measured: 2 },
      // Returned after 9 April 2020: 18 (the printed 19 includes MP099's of 17 March 2020).
      // No acceptance dates: counted, but no mean.
      preliminaryCompleted: { count: 18, averageWorkingDays: null, measured: 0 },
      impactOpen: { count: 1, averageWorkingDays: 88, measured: 1 }, // MP107; printed 94
      // 9 returned after 9 April 2020 (the printed table has 11 rows, 2 from March 2020).
      impactCompleted: { count: 9, averageWorkingDays: null, measured: 0 },
    });
  });

  it('for the period the report states, "up to the end of March 2021"', () => {
    expect(assessmentTimescales(REGISTER_2021_04, '2021-03-31', cal)).toEqual({
      asOf: '2021-03-31',
      preliminaryOpen: { count: 2, averageWorkingDays: 27.5, measured: 2 }, // MP140 39, MP141 16
      preliminaryCompleted: { count: 18, averageWorkingDays: null, measured: 0 },
      impactOpen: { count: 1, averageWorkingDays: 83, measured: 1 },
      impactCompleted: { count: 9, averageWorkingDays: null, measured: 0 },
    });
  });
});

describe('assessment timescales, rules', () => {
  it('averages completed durations where the acceptance date is known, pauses excluded', () => {
    const done: TypedAssessmentFacts[] = [
      assessment('PRELIMINARY', '2021-03-09', '2021-03-30'), // 15
      assessment('PRELIMINARY', '2021-03-09', '2021-03-31'), // 16
      { ...assessment('PRELIMINARY', '2021-03-09', '2021-04-08'), pauses: [{ from: '2021-03-29', to: '2021-04-07' }] }, // 15
      assessment('PRELIMINARY', null, '2021-04-01'), // counted, no duration
    ];
    expect(assessmentTimescales(done, '2021-04-30', cal).preliminaryCompleted).toEqual({
      count: 4,
      averageWorkingDays: 15.3, // 46 / 3, to one decimal
      measured: 3, // the fourth has no acceptance date
    });
  });

  it('keeps the 12-month window open at its start and closed at asOf', () => {
    const edge: TypedAssessmentFacts[] = [
      assessment('IMPACT', '2020-02-01', '2020-04-09'), // exactly 12 months before: outside
      assessment('IMPACT', '2020-02-01', '2020-04-10'), // inside
      assessment('IMPACT', '2021-03-01', '2021-04-09'), // returned on asOf: completed, not open
      assessment('IMPACT', '2021-03-01', '2021-04-12'), // returned after asOf: still open
    ];
    const figures = assessmentTimescales(edge, '2021-04-09', cal);
    expect(figures.impactCompleted.count).toBe(2);
    expect(figures.impactOpen.count).toBe(1);
    expect(figures.preliminaryOpen).toEqual({ count: 0, averageWorkingDays: null, measured: 0 });
    expect(figures.preliminaryCompleted).toEqual({ count: 0, averageWorkingDays: null, measured: 0 });
  });

  it('leaves out of the open figure what is not accepted yet, or accepted after asOf', () => {
    const figures = assessmentTimescales(
      [assessment('PRELIMINARY', null, null), assessment('PRELIMINARY', '2021-04-12', null)],
      '2021-04-09',
      cal,
    );
    expect(figures.preliminaryOpen).toEqual({ count: 0, averageWorkingDays: null, measured: 0 });
  });

  it('reports an open paused assessment with its count so far', () => {
    const paused = { ...assessment('IMPACT', '2021-03-09', null), pauses: [{ from: '2021-03-22', to: null }] };
    expect(assessmentTimescales([paused], '2021-04-09', cal).impactOpen).toEqual({ count: 1, averageWorkingDays: 8, measured: 1 });
  });
});

describe('Code Performance Measure 9', () => {
  it('for the April 2021 register by the rule', () => {
    // MP141's target, 30 March 2021, fell in March and it was not returned: 0 of 1. The report
    // printed "None to report" for March; the rule wins and the report can say so.
    expect(codePerformanceMeasure(REGISTER_2021_04, '2021-03', cal)).toEqual({
      month: '2021-03',
      due: 1,
      completedWithinTarget: 0,
      percentage: 0,
      targetPercentage: 100,
    });
    expect(codePerformanceMeasure(REGISTER_2021_04, '2021-02', cal)).toMatchObject({ due: 1, percentage: 0 }); // MP140, 25 Feb
    expect(codePerformanceMeasure(REGISTER_2021_04, '2021-01', cal)).toMatchObject({ due: 1, percentage: 0 }); // MP107, 29 Jan
  });

  it('is null, "none to report", when nothing fell due', () => {
    expect(codePerformanceMeasure(REGISTER_2021_04, '2021-04', cal)).toEqual({
      month: '2021-04',
      due: 0,
      completedWithinTarget: 0,
      percentage: null,
      targetPercentage: 100,
    });
  });

  it('counts returns on or before the target day, to one decimal', () => {
    const march = [
      assessment('PRELIMINARY', '2021-03-09', '2021-03-30'), // due 30 March, on time
      assessment('PRELIMINARY', '2021-03-09', '2021-03-29'), // early
      assessment('PRELIMINARY', '2021-03-09', '2021-03-31'), // late
      assessment('IMPACT', '2021-01-29', '2021-03-26'), // 40 WD: due 26 March 2021, on time
      assessment('PRELIMINARY', '2021-03-17', null), // due 9 April: not in March
      { ...assessment('PRELIMINARY', '2021-03-01', null), pauses: [{ from: '2021-03-05', to: null }] }, // no target
    ];
    expect(codePerformanceMeasure(march, '2021-03', cal)).toEqual({
      month: '2021-03',
      due: 4,
      completedWithinTarget: 3,
      percentage: 75,
      targetPercentage: 100,
    });
    expect(codePerformanceMeasure(march.slice(1, 4), '2021-03', cal).percentage).toBe(66.7);
  });

  it('refuses a malformed month', () => {
    expect(() => codePerformanceMeasure([], '2021-3', cal)).toThrow(RangeError);
  });
});
