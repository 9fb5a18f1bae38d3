import { seededRandom } from '../../support/seeded-random';
import { isBankHoliday } from '../../../src/calendar/bank-holidays';
import { addDays, dayOfWeek, fromEpochDay, toEpochDay } from '../../../src/calendar/local-date';
import {
  STANDARD_CALENDAR,
  createWorkingCalendar,
  firstWorkingWednesday,
  workingGroupDates,
} from '../../../src/calendar/working-calendar';


const FIRST = toEpochDay('2018-01-01');
const LAST = toEpochDay('2031-12-31');

/**
 * The obvious definitions, day by day, as the oracle: one flag per day (2016-2033, a margin
 * around the random dates) and a running count, so the thousands of checks stay quick.
 */
function naive(extra: ReadonlySet<string> = new Set()) {
  const origin = toEpochDay('2016-01-01');
  const flags: boolean[] = [];
  const before: number[] = [0]; // before[i] = Working Days among flags[0 .. i-1]
  for (let n = origin; n <= toEpochDay('2033-12-31'); n += 1) {
    const d = fromEpochDay(n);
    const working = dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6 && !isBankHoliday(d) && !extra.has(d);
    flags.push(working);
    before.push(before[before.length - 1]! + (working ? 1 : 0));
  }
  const at = (d: string) => toEpochDay(d) - origin;
  return {
    workingDaysBetween(a: string, b: string): number {
      // Working Days x with a < x <= b: before[b + 1] - before[a + 1].
      return before[at(b) + 1]! - before[at(a) + 1]!;
    },
    addWorkingDays(d: string, n: number): string {
      let i = at(d);
      for (let left = Math.abs(n); left > 0; ) {
        i += Math.sign(n);
        if (flags[i]) left -= 1;
      }
      return fromEpochDay(origin + i);
    },
  };
}

describe('the SPEC conventions', () => {
  const cal = createWorkingCalendar();

  it('counts 15 Working Days from a PA accepted on Tue 9 March 2021 to Tue 30 March 2021', () => {
    expect(cal.addWorkingDays('2021-03-09', 15)).toBe('2021-03-30');
    expect(cal.workingDaysBetween('2021-03-09', '2021-03-30')).toBe(15);
    expect(cal.addWorkingDays('2021-03-30', -15)).toBe('2021-03-09');
  });

  it('does not count the first day and counts the last', () => {
    expect(cal.workingDaysBetween('2021-03-09', '2021-03-09')).toBe(0);
    expect(cal.workingDaysBetween('2021-03-09', '2021-03-10')).toBe(1);
    expect(cal.workingDaysBetween('2021-03-12', '2021-03-14')).toBe(0); // Fri to Sun
    expect(cal.workingDaysBetween('2021-03-12', '2021-03-15')).toBe(1); // Fri to Mon
    expect(cal.workingDaysBetween('2021-03-10', '2021-03-09')).toBe(-1);
    expect(cal.addWorkingDays('2021-03-09', 0)).toBe('2021-03-09');
    expect(cal.addWorkingDays('2021-03-13', 0)).toBe('2021-03-13'); // a Saturday stays itself
    expect(cal.addWorkingDays('2021-03-13', 1)).toBe('2021-03-15');
    expect(cal.addWorkingDays('2021-03-13', -1)).toBe('2021-03-12');
  });

  it('skips Easter 2021 and Christmas 2020', () => {
    expect(cal.addWorkingDays('2021-04-01', 1)).toBe('2021-04-06'); // Good Friday, Easter Monday
    expect(cal.addWorkingDays('2021-04-06', -1)).toBe('2021-04-01');
    expect(cal.workingDaysBetween('2021-03-31', '2021-04-06')).toBe(2);
    expect(cal.addWorkingDays('2020-12-24', 1)).toBe('2020-12-29'); // 25 Dec and the 28th substitute
    expect(cal.addWorkingDays('2020-12-31', 1)).toBe('2021-01-04'); // New Year's Day 2021
    expect(cal.addWorkingDays('2020-12-01', 40)).toBe('2021-01-29');
    expect(cal.workingDaysBetween('2020-12-01', '2021-04-09')).toBe(88);
  });

  it('knows the one-offs', () => {
    for (const d of ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
      expect(cal.isWorkingDay(d)).toBe(false);
    }
    for (const d of ['2020-05-04', '2022-05-30', '2023-05-02']) expect(cal.isWorkingDay(d)).toBe(true);
  });

  it('refuses non-integer counts and bad dates', () => {
    expect(() => cal.addWorkingDays('2021-03-09', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2021-02-30', 1)).toThrow(RangeError);
    expect(() => cal.workingDaysBetween('2021-03-09', 'tomorrow')).toThrow(RangeError);
  });
});

describe('the fast arithmetic agrees with a day-by-day loop', () => {
  const rnd = seededRandom(20210409);
  const pick = () => fromEpochDay(FIRST + Math.floor(rnd() * (LAST - FIRST + 1)));
  const cal = createWorkingCalendar();
  const slow = naive();

  it('isWorkingDay on every day 2018-2031', () => {
    for (let n = FIRST; n <= LAST; n += 1) {
      const d = fromEpochDay(n);
      const expected = dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6 && !isBankHoliday(d);
      if (cal.isWorkingDay(d) !== expected) throw new Error(d);
    }
  });

  it('workingDaysBetween on 5000 random pairs, both orders', () => {
    for (let i = 0; i < 5000; i += 1) {
      const a = pick();
      const b = pick();
      expect([a, b, cal.workingDaysBetween(a, b)]).toEqual([a, b, slow.workingDaysBetween(a, b)]);
    }
  });

  it('workingDaysBetween over short spans from every day of 2020-2023', () => {
    for (let n = toEpochDay('2020-01-01'); n <= toEpochDay('2023-12-31'); n += 1) {
      const a = fromEpochDay(n);
      for (const span of [1, 2, 3, 6, 7, 9]) {
        const b = addDays(a, span);
        if (cal.workingDaysBetween(a, b) !== slow.workingDaysBetween(a, b)) throw new Error(`${a}..${b}`);
      }
    }
  });

  it('addWorkingDays on 5000 random days and counts, forwards and back', () => {
    for (let i = 0; i < 5000; i += 1) {
      const d = pick();
      const n = Math.floor(rnd() * 601) - 300;
      expect([d, n, cal.addWorkingDays(d, n)]).toEqual([d, n, slow.addWorkingDays(d, n)]);
    }
  });

  it('inverts: addWorkingDays(d, workingDaysBetween(d, x)) is x for a Working Day x >= d', () => {
    let checked = 0;
    while (checked < 3000) {
      const [p, q] = [pick(), pick()];
      const [d, x] = p <= q ? [p, q] : [q, p];
      if (!cal.isWorkingDay(x)) continue;
      expect([d, x, cal.addWorkingDays(d, cal.workingDaysBetween(d, x))]).toEqual([d, x, x]);
      checked += 1;
    }
  });

  it('inverts backwards only from a Working Day: the conventions count (x, d] but step back over [x, d)', () => {
    let checked = 0;
    while (checked < 3000) {
      const [p, q] = [pick(), pick()];
      const [x, d] = p <= q ? [p, q] : [q, p];
      if (!cal.isWorkingDay(x) || !cal.isWorkingDay(d)) continue;
      expect([d, x, cal.addWorkingDays(d, cal.workingDaysBetween(d, x))]).toEqual([d, x, x]);
      checked += 1;
    }
    // From a Saturday: between(Sat, Fri before) = 0, and 0 Working Days from Saturday is Saturday.
    expect(cal.workingDaysBetween('2021-03-13', '2021-03-12')).toBe(0);
    expect(cal.addWorkingDays('2021-03-13', 0)).toBe('2021-03-13');
  });

  it('is additive: between(a, c) = between(a, b) + between(b, c)', () => {
    for (let i = 0; i < 500; i += 1) {
      const [a, b, c] = [pick(), pick(), pick()];
      expect(cal.workingDaysBetween(a, c)).toBe(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c));
    }
  });
});

describe('extra (admin-added) holidays', () => {
  it('moves deadlines that span them', () => {
    const cal = createWorkingCalendar(['2021-03-15']);
    expect(cal.isWorkingDay('2021-03-15')).toBe(false);
    expect(cal.addWorkingDays('2021-03-09', 15)).toBe('2021-03-31');
    expect(cal.workingDaysBetween('2021-03-09', '2021-03-30')).toBe(14);
    expect(STANDARD_CALENDAR.addWorkingDays('2021-03-09', 15)).toBe('2021-03-30'); // others unchanged
  });

  it('changes nothing when it falls at a weekend or repeats a bank holiday', () => {
    const cal = createWorkingCalendar(['2021-03-13', '2021-04-02', '2021-04-02']);
    expect(cal.workingDaysBetween('2021-01-01', '2021-12-31')).toBe(
      STANDARD_CALENDAR.workingDaysBetween('2021-01-01', '2021-12-31'),
    );
  });

  it('agrees with the day-by-day loop on random extras and pairs', () => {
    const rnd = seededRandom(19);
    const pick = () => fromEpochDay(FIRST + Math.floor(rnd() * (LAST - FIRST + 1)));
    const extras = Array.from({ length: 60 }, pick);
    const cal = createWorkingCalendar(extras);
    const slow = naive(new Set(extras));
    for (let i = 0; i < 3000; i += 1) {
      const a = pick();
      const b = pick();
      expect(cal.workingDaysBetween(a, b)).toBe(slow.workingDaysBetween(a, b));
      const n = Math.floor(rnd() * 201) - 100;
      expect(cal.addWorkingDays(a, n)).toBe(slow.addWorkingDays(a, n));
    }
  });

  it('accepts extras outside the years already asked about', () => {
    const cal = createWorkingCalendar(['2040-01-04']);
    expect(cal.workingDaysBetween('2021-01-01', '2021-12-31')).toBe(253);
    expect(cal.workingDaysBetween('2040-01-03', '2040-01-05')).toBe(1);
    expect(cal.addWorkingDays('2040-01-03', 1)).toBe('2040-01-05');
  });

  it('refuses a malformed extra holiday', () => {
    expect(() => createWorkingCalendar(['2021-02-30'])).toThrow(RangeError);
  });
});

describe('speed', () => {
  it('answers long spans without walking them', () => {
    const cal = createWorkingCalendar();
    const started = performance.now();
    let total = 0;
    for (let i = 0; i < 20_000; i += 1) {
      total += cal.workingDaysBetween(addDays('2015-01-01', i % 365), addDays('2025-01-01', i % 97));
      total += Number(cal.addWorkingDays('2015-06-01', 2_500 + (i % 50)) > '2000-01-01');
    }
    expect(total).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('reaches far years in both directions', () => {
    const cal = createWorkingCalendar();
    expect(cal.workingDaysBetween('1990-01-01', '2090-01-01')).toBe(
      cal.workingDaysBetween('1990-01-01', '2040-01-01') + cal.workingDaysBetween('2040-01-01', '2090-01-01'),
    );
    const later = cal.addWorkingDays('2021-01-04', 25_000);
    expect(cal.workingDaysBetween('2021-01-04', later)).toBe(25_000);
    expect(cal.addWorkingDays(later, -25_000)).toBe('2021-01-04');
  });
});

describe('Working Group meetings: the first Wednesday of the month that is a Working Day', () => {
  it('is the first Wednesday in an ordinary month', () => {
    expect(firstWorkingWednesday('2021-04')).toBe('2021-04-07');
    expect(firstWorkingWednesday('2021-03')).toBe('2021-03-03');
    expect(firstWorkingWednesday('2021-09')).toBe('2021-09-01');
  });

  it('moves to the next Wednesday when the first is a holiday', () => {
    expect(firstWorkingWednesday('2020-01')).toBe('2020-01-08'); // New Year's Day was a Wednesday
    expect(firstWorkingWednesday('2025-01')).toBe('2025-01-08');
    const cal = createWorkingCalendar(['2021-04-07', '2021-04-14']);
    expect(firstWorkingWednesday('2021-04', cal)).toBe('2021-04-21');
  });

  it('is null when no Wednesday of the month is a Working Day', () => {
    const cal = createWorkingCalendar(['2021-04-07', '2021-04-14', '2021-04-21', '2021-04-28']);
    expect(firstWorkingWednesday('2021-04', cal)).toBeNull();
    expect(workingGroupDates(2021, cal)).toHaveLength(11);
  });

  it('lists a year', () => {
    expect(workingGroupDates(2020)).toEqual([
      '2020-01-08', '2020-02-05', '2020-03-04', '2020-04-01', '2020-05-06', '2020-06-03',
      '2020-07-01', '2020-08-05', '2020-09-02', '2020-10-07', '2020-11-04', '2020-12-02',
    ]);
  });

  it('refuses a malformed month', () => {
    expect(() => firstWorkingWednesday('2021-13')).toThrow(RangeError);
    expect(() => workingGroupDates(2021.5)).toThrow(RangeError);
  });
});
