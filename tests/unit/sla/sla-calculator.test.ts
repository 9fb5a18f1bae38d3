import { seededRandom } from '../../support/seeded-random';
import { addDays } from '../../../src/calendar/local-date';
import { createWorkingCalendar } from '../../../src/calendar/working-calendar';
import {
  AssessmentFacts,
  DEFAULT_DUE_SOON_WORKING_DAYS,
  PauseFacts,
  elapsedWorkingDays,
  slaOn,
  targetCompletionOn,
} from '../../../src/sla/sla-calculator';

const cal = createWorkingCalendar();

function facts(overrides: Partial<AssessmentFacts> = {}): AssessmentFacts {
  return { acceptedOn: '2021-03-09', returnedOn: null, targetWorkingDays: 15, pauses: [], ...overrides };
}

const pause = (from: string, to: string | null): PauseFacts => ({ from, to });

describe('a PA accepted on Tue 9 March 2021 (SPEC example), no pauses', () => {
  const pa = facts();

  it('is due on Tue 30 March 2021', () => {
    expect(targetCompletionOn(pa, cal)).toBe('2021-03-30');
  });

  it.each([
    // asOf, elapsed, remaining, status; Working Days counted after 9 March
    ['2021-03-09', 0, 15, 'ON_TRACK'],
    ['2021-03-24', 11, 4, 'ON_TRACK'],
    ['2021-03-25', 12, 3, 'DUE_SOON'],
    ['2021-03-27', 13, 2, 'DUE_SOON'], // a Saturday counts nothing more than Friday
    ['2021-03-30', 15, 0, 'DUE_SOON'], // due today: not yet overdue
    ['2021-03-31', 16, -1, 'OVERDUE'],
    ['2021-04-05', 17, -2, 'OVERDUE'], // Good Friday and Easter Monday do not count
    ['2021-04-09', 21, -6, 'OVERDUE'],
  ])('on %s: %i elapsed, %i remaining, %s', (asOf, elapsed, remaining, status) => {
    expect(slaOn(pa, asOf, cal)).toEqual({
      asOf,
      status,
      elapsedWorkingDays: elapsed,
      remainingWorkingDays: remaining,
    });
  });

  it('uses the due-soon threshold given, 3 by default', () => {
    expect(DEFAULT_DUE_SOON_WORKING_DAYS).toBe(3);
    expect(slaOn(pa, '2021-03-25', cal, 0).status).toBe('ON_TRACK');
    expect(slaOn(pa, '2021-03-30', cal, 0).status).toBe('DUE_SOON');
    expect(slaOn(pa, '2021-03-19', cal, 10).status).toBe('DUE_SOON'); // 8 elapsed, 7 left
  });
});

describe('before acceptance', () => {
  it('has no clock when the request is not accepted', () => {
    expect(slaOn(facts({ acceptedOn: null }), '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      status: 'AWAITING_ACCEPTANCE',
      elapsedWorkingDays: null,
      remainingWorkingDays: null,
    });
    expect(targetCompletionOn(facts({ acceptedOn: null }), cal)).toBeNull();
  });

  it('has no clock on a day before the acceptance', () => {
    expect(slaOn(facts(), '2021-03-08', cal)).toEqual({
      asOf: '2021-03-08',
      status: 'AWAITING_ACCEPTANCE',
      elapsedWorkingDays: null,
      remainingWorkingDays: null,
    });
    expect(elapsedWorkingDays(facts(), '2021-03-08', cal)).toBeNull();
  });
});

describe('returned assessments', () => {
  it('is on time when returned on the target day', () => {
    expect(slaOn(facts({ returnedOn: '2021-03-30' }), '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      status: 'COMPLETED_ON_TIME',
      elapsedWorkingDays: 15,
      remainingWorkingDays: 0,
    });
  });

  it('is late when returned the next Working Day', () => {
    expect(slaOn(facts({ returnedOn: '2021-03-31' }), '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      status: 'COMPLETED_LATE',
      elapsedWorkingDays: 16,
      remainingWorkingDays: -1,
    });
  });

  it('is late when returned on the weekend after a Friday target', () => {
    const friday = facts({ acceptedOn: '2021-03-05', targetWorkingDays: 5 }); // due Fri 12 March
    expect(targetCompletionOn(friday, cal)).toBe('2021-03-12');
    expect(slaOn({ ...friday, returnedOn: '2021-03-13' }, '2021-03-15', cal).status).toBe('COMPLETED_LATE');
  });

  it('is complete from the return day on, and judged as open before it', () => {
    const late = facts({ returnedOn: '2021-04-01' });
    expect(slaOn(late, '2021-04-01', cal).status).toBe('COMPLETED_LATE');
    expect(slaOn(late, '2021-03-31', cal)).toMatchObject({ status: 'OVERDUE', elapsedWorkingDays: 16 });
  });

  it('is COMPLETED, with no counts, when returned without a recorded acceptance', () => {
    expect(slaOn(facts({ acceptedOn: null, returnedOn: '2020-06-25' }), '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      status: 'COMPLETED',
      elapsedWorkingDays: null,
      remainingWorkingDays: null,
    });
    expect(slaOn(facts({ acceptedOn: null, returnedOn: '2020-06-25' }), '2020-06-24', cal).status).toBe(
      'AWAITING_ACCEPTANCE',
    );
  });

  it('is COMPLETED when returned while a pause was never closed (the target day is unknown)', () => {
    const f = facts({ returnedOn: '2021-04-09', pauses: [pause('2021-03-22', null)] });
    expect(slaOn(f, '2021-04-09', cal)).toMatchObject({ status: 'COMPLETED', elapsedWorkingDays: 8 });
  });
});

describe('pauses', () => {
  // Paused Mon 29 March, resumed Wed 7 April 2021: the clock stops on 29, 30, 31 March, 1 and
  // 6 April (5 Working Days; Good Friday 2 April and Easter Monday 5 April are not Working Days).
  const overEaster = facts({ pauses: [pause('2021-03-29', '2021-04-07')] });

  it('moves the target on by the paused Working Days, not counting the bank holidays', () => {
    expect(targetCompletionOn(overEaster, cal)).toBe('2021-04-08');
  });

  it.each([
    ['2021-03-26', 13, 2, 'DUE_SOON'],
    ['2021-03-29', 13, 2, 'PAUSED'], // the first paused day is not counted
    ['2021-04-01', 13, 2, 'PAUSED'],
    ['2021-04-06', 13, 2, 'PAUSED'],
    ['2021-04-07', 14, 1, 'DUE_SOON'], // the clock runs again on the resume day
    ['2021-04-08', 15, 0, 'DUE_SOON'],
    ['2021-04-09', 16, -1, 'OVERDUE'],
  ])('on %s: %i elapsed, %i remaining, %s', (asOf, elapsed, remaining, status) => {
    expect(slaOn(overEaster, asOf, cal)).toEqual({
      asOf,
      status,
      elapsedWorkingDays: elapsed,
      remainingWorkingDays: remaining,
    });
  });

  it('judges a return against the moved target', () => {
    expect(slaOn({ ...overEaster, returnedOn: '2021-04-08' }, '2021-04-30', cal).status).toBe('COMPLETED_ON_TIME');
    expect(slaOn({ ...overEaster, returnedOn: '2021-04-09' }, '2021-04-30', cal).status).toBe('COMPLETED_LATE');
  });

  it('does not move the target for a pause that starts after the target was reached', () => {
    const after = facts({ pauses: [pause('2021-03-31', '2021-04-07')] });
    expect(targetCompletionOn(after, cal)).toBe('2021-03-30');
    // 21 Working Days after 9 March by 9 April, less 31 March, 1 and 6 April.
    expect(elapsedWorkingDays(after, '2021-04-09', cal)).toBe(18);
    expect(slaOn(after, '2021-04-01', cal)).toMatchObject({ status: 'PAUSED', elapsedWorkingDays: 15 });
  });

  it('counts a pause that starts on the target day', () => {
    const onTarget = facts({ pauses: [pause('2021-03-30', '2021-04-06')] });
    expect(targetCompletionOn(onTarget, cal)).toBe('2021-04-06');
  });

  it('adds up several pauses', () => {
    const two = facts({ pauses: [pause('2021-03-29', '2021-04-07'), pause('2021-03-15', '2021-03-17')] });
    expect(targetCompletionOn(two, cal)).toBe('2021-04-12');
    expect(elapsedWorkingDays(two, '2021-04-12', cal)).toBe(15);
  });

  it('pauses an IA over Christmas 2020 (25 and 28 December, 1 January not Working Days)', () => {
    const ia = facts({ acceptedOn: '2020-12-01', targetWorkingDays: 40, pauses: [pause('2020-12-21', '2021-01-04')] });
    expect(targetCompletionOn(ia, cal)).toBe('2021-02-09'); // 29 January moved on by 7
    expect(elapsedWorkingDays(ia, '2021-01-04', cal)).toBe(14);
  });

  it('while open: PAUSED, with the count so far, and no target day', () => {
    const open = facts({ pauses: [pause('2021-03-22', null)] });
    expect(targetCompletionOn(open, cal)).toBeNull();
    expect(slaOn(open, '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      status: 'PAUSED',
      elapsedWorkingDays: 8,
      remainingWorkingDays: 7,
    });
  });

  it('is ignored on days before it starts', () => {
    const open = facts({ pauses: [pause('2021-03-22', null)] });
    expect(slaOn(open, '2021-03-19', cal)).toMatchObject({ status: 'ON_TRACK', elapsedWorkingDays: 8 });
    const later = facts({ pauses: [pause('2021-04-12', '2021-04-20')] });
    expect(slaOn(later, '2021-04-09', cal)).toMatchObject({ status: 'OVERDUE', elapsedWorkingDays: 21 });
  });

  it('respects admin-added holidays inside and outside a pause', () => {
    const withHoliday = createWorkingCalendar(['2021-03-31', '2021-03-17']);
    // 31 March lies in the pause anyway; 17 March is a running day lost: the target moves by one.
    expect(targetCompletionOn(overEaster, withHoliday)).toBe('2021-04-09');
  });

  it('does not count a stopped day twice when pauses overlap, or days before acceptance', () => {
    const overlapping = facts({ pauses: [pause('2021-03-15', '2021-03-20'), pause('2021-03-17', '2021-03-23')] });
    expect(targetCompletionOn(overlapping, cal)).toBe('2021-04-09'); // 6 stopped: 15-19 and 22 March
    const early = facts({ pauses: [pause('2021-03-01', '2021-03-11')] });
    expect(targetCompletionOn(early, cal)).toBe('2021-03-31'); // only 10 March was stopped
    expect(elapsedWorkingDays(early, '2021-03-11', cal)).toBe(1);
  });
});

describe('the April 2021 register, judged on Fri 9 April 2021 by the rule', () => {
  // Working Days after 1 Dec 2020: 20 in December (25 and 28 Dec off), 20 in January (1 Jan
  // off), 20 in February, 23 in March, 5 in 1-9 April (2 and 5 April off) = 88.
  const mp107Ia = facts({ acceptedOn: '2020-12-01', targetWorkingDays: 40 });
  // After 4 Feb 2021: 1 + 15 in February, 23 in March, 5 in April = 44.
  const mp140Pa = facts({ acceptedOn: '2021-02-04' });
  // After 9 Mar 2021: 16 in March, 5 in April = 21.
  const mp141Pa = facts({ acceptedOn: '2021-03-09' });
  const mp125Pa = facts({ acceptedOn: null });

  it('MP107 IA (CR1352): due 29 January 2021, 88 Working Days elapsed, overdue', () => {
    expect(targetCompletionOn(mp107Ia, cal)).toBe('2021-01-29');
    expect(slaOn(mp107Ia, '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      status: 'OVERDUE',
      elapsedWorkingDays: 88,
      remainingWorkingDays: -48,
    });
  });

  it('MP140 PA: due 25 February 2021, 44 elapsed, overdue', () => {
    expect(targetCompletionOn(mp140Pa, cal)).toBe('2021-02-25');
    expect(slaOn(mp140Pa, '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      status: 'OVERDUE',
      elapsedWorkingDays: 44,
      remainingWorkingDays: -29,
    });
  });

  it('MP141 PA (CR4242): due 30 March 2021, 21 elapsed, overdue', () => {
    expect(targetCompletionOn(mp141Pa, cal)).toBe('2021-03-30');
    expect(slaOn(mp141Pa, '2021-04-09', cal)).toEqual({
      asOf: '2021-04-09',
      status: 'OVERDUE',
      elapsedWorkingDays: 21,
      remainingWorkingDays: -6,
    });
  });

  it('MP125 PA: awaiting acceptance', () => {
    expect(slaOn(mp125Pa, '2021-04-09', cal).status).toBe('AWAITING_ACCEPTANCE');
  });
});

describe('bad facts', () => {
  it('refuses a target that is not a whole number of Working Days', () => {
    expect(() => slaOn(facts({ targetWorkingDays: -1 }), '2021-04-09', cal)).toThrow(RangeError);
    expect(() => targetCompletionOn(facts({ targetWorkingDays: 1.5 }), cal)).toThrow(RangeError);
  });

  it('counts nothing for a return dated before the acceptance', () => {
    expect(slaOn(facts({ returnedOn: '2021-03-01' }), '2021-04-09', cal)).toMatchObject({
      status: 'COMPLETED_ON_TIME',
      elapsedWorkingDays: 0,
    });
  });
});

describe('agrees with a day-by-day clock on random facts', () => {
  const rnd = seededRandom(42);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  it('elapsed and target, for 400 assessments with up to 3 closed pauses', () => {
    for (let i = 0; i < 400; i += 1) {
      const acceptedOn = addDays('2019-01-01', int(0, 1800));
      const pauses: PauseFacts[] = [];
      let cursor = acceptedOn;
      for (let p = int(0, 3); p > 0; p -= 1) {
        const from = addDays(cursor, int(1, 30));
        const to = addDays(from, int(1, 25));
        pauses.push(pause(from, to));
        cursor = to;
      }
      const f = facts({ acceptedOn, targetWorkingDays: rnd() < 0.5 ? 15 : 40, pauses });
      const stopped = (d: string) => pauses.some((p) => p.from <= d && d < (p.to as string));
      // Walk the clock one day at a time.
      let count = 0;
      let target: string | null = f.targetWorkingDays === 0 ? acceptedOn : null;
      const elapsedOn = new Map<string, number>([[acceptedOn, 0]]);
      for (let d = addDays(acceptedOn, 1); d <= addDays(acceptedOn, 250); d = addDays(d, 1)) {
        if (cal.isWorkingDay(d) && !stopped(d)) count += 1;
        elapsedOn.set(d, count);
        if (target === null && count === f.targetWorkingDays) target = d;
      }
      expect([acceptedOn, pauses, targetCompletionOn(f, cal)]).toEqual([acceptedOn, pauses, target]);
      for (let k = 0; k < 5; k += 1) {
        const asOf = addDays(acceptedOn, int(0, 250));
        expect([f, asOf, elapsedWorkingDays(f, asOf, cal)]).toEqual([f, asOf, elapsedOn.get(asOf)]);
      }
    }
  });
});
