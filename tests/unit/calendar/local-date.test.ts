import {
  addDays,
  addMonths,
  addMonthsToYearMonth,
  compareLocalDate,
  daysBetween,
  dayOfWeek,
  firstDayOfMonth,
  fromEpochDay,
  isLocalDate,
  isYearMonth,
  lastDayOfMonth,
  localDateOf,
  maxLocalDate,
  minLocalDate,
  parseLocalDate,
  toEpochDay,
  yearMonthOf,
  yearOf,
} from '../../../src/calendar/local-date';

const DAY_MS = 86_400_000;

describe('isLocalDate', () => {
  it.each(['2021-04-09', '2020-02-29', '2000-02-29', '1970-01-01', '9999-12-31', '0001-01-01'])(
    'accepts %s',
    (s) => expect(isLocalDate(s)).toBe(true),
  );
  it.each([
    '2021-02-30', '2021-02-29', '1900-02-29', '2021-13-01', '2021-00-10', '2021-04-00', '2021-04-31',
    '2021-4-9', '21-04-09', '2021/04/09', '2021-04-09T00:00:00Z', ' 2021-04-09', '2021-04-09 ', '', '20210409',
  ])('refuses %j', (s) => expect(isLocalDate(s)).toBe(false));
  it('refuses what is not a string', () => {
    expect(isLocalDate(20210409)).toBe(false);
    expect(isLocalDate(null)).toBe(false);
    expect(isLocalDate(new Date(0))).toBe(false);
  });
});

describe('epoch days', () => {
  it('agrees with Date.UTC on every day from 1900 to 2100', () => {
    const first = Date.UTC(1900, 0, 1) / DAY_MS;
    const last = Date.UTC(2100, 11, 31) / DAY_MS;
    for (let n = first; n <= last; n += 1) {
      const iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
      if (fromEpochDay(n) !== iso || toEpochDay(iso) !== n) {
        throw new Error(`mismatch at ${n}: ${fromEpochDay(n)} / ${iso}`);
      }
    }
  });

  it('knows the origin and a few landmarks', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2021-04-09')).toBe(18726);
    expect(fromEpochDay(18726)).toBe('2021-04-09');
  });

  it('handles years before 100, which Date.UTC would move to the 1900s', () => {
    expect(fromEpochDay(toEpochDay('0050-03-01'))).toBe('0050-03-01');
    expect(toEpochDay('0050-03-01') - toEpochDay('0050-02-28')).toBe(1);
    expect(fromEpochDay(toEpochDay('0000-01-01'))).toBe('0000-01-01');
  });

  it('refuses exactly what isLocalDate refuses, and reads the rest as parseLocalDate does', () => {
    // Real days and near misses: every character of a few dates replaced by each of a few others.
    const candidates = ['2021-04-09', '2020-02-29', '1900-02-28', '0000-01-01', '9999-12-31'];
    for (const date of [...candidates]) {
      for (let at = 0; at <= date.length; at++) {
        for (const c of ['0', '1', '2', '3', '9', '-', '/', ' ', 'a', '\u0660', '']) candidates.push(date.slice(0, at) + c + date.slice(at + 1), date.slice(0, at) + c + date.slice(at));
      }
    }
    for (const s of candidates) {
      if (isLocalDate(s)) {
        const { year, month, day } = parseLocalDate(s);
        // setUTCFullYear, unlike Date.UTC, keeps the years 0 to 99 where they are.
        const utc = new Date(0);
        utc.setUTCFullYear(year, month - 1, day);
        expect([s, toEpochDay(s)]).toEqual([s, utc.getTime() / DAY_MS]);
      } else {
        expect(() => toEpochDay(s)).toThrow(RangeError);
      }
    }
    expect(candidates.length).toBeGreaterThan(500);
  });

  it('refuses invalid input and dates beyond year 9999', () => {
    expect(() => toEpochDay('2021-02-30')).toThrow(RangeError);
    expect(() => fromEpochDay(1.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('2021-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('dayOfWeek', () => {
  it('agrees with getUTCDay for 10 000 days either side of 1970', () => {
    for (let n = -10_000; n <= 30_000; n += 1) {
      const expected = new Date(n * DAY_MS).getUTCDay();
      if (dayOfWeek(fromEpochDay(n)) !== expected) throw new Error(`day ${n}`);
    }
  });
  it('knows some days', () => {
    expect(dayOfWeek('2021-03-09')).toBe(2); // Tuesday
    expect(dayOfWeek('2021-04-09')).toBe(5); // Friday
    expect(dayOfWeek('2022-01-01')).toBe(6); // Saturday
    expect(dayOfWeek('2023-01-01')).toBe(0); // Sunday
  });
});

describe('day arithmetic and comparison', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2021-03-09', 21)).toBe('2021-03-30');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2021-01-01', -1)).toBe('2020-12-31');
    expect(daysBetween('2020-12-01', '2021-04-09')).toBe(129);
    expect(daysBetween('2021-04-09', '2020-12-01')).toBe(-129);
  });
  it('compares', () => {
    expect(compareLocalDate('2021-04-09', '2021-04-10')).toBeLessThan(0);
    expect(compareLocalDate('2021-04-10', '2021-04-09')).toBeGreaterThan(0);
    expect(compareLocalDate('2021-04-09', '2021-04-09')).toBe(0);
    expect(['2021-12-01', '2020-01-31', '2021-02-01'].sort(compareLocalDate)).toEqual([
      '2020-01-31', '2021-02-01', '2021-12-01',
    ]);
    expect(minLocalDate('2021-04-09', '2020-04-09')).toBe('2020-04-09');
    expect(maxLocalDate('2021-04-09', '2020-04-09')).toBe('2021-04-09');
  });
  it('parses and builds', () => {
    expect(parseLocalDate('2021-04-09')).toEqual({ year: 2021, month: 4, day: 9 });
    expect(localDateOf(2021, 4, 9)).toBe('2021-04-09');
    expect(() => localDateOf(2021, 2, 29)).toThrow(RangeError);
    expect(yearOf('2021-04-09')).toBe(2021);
    expect(yearMonthOf('2021-04-09')).toBe('2021-04');
  });
});

describe('months', () => {
  it('recognises YYYY-MM', () => {
    expect(isYearMonth('2021-04')).toBe(true);
    expect(isYearMonth('2021-13')).toBe(false);
    expect(isYearMonth('2021-00')).toBe(false);
    expect(isYearMonth('2021-4')).toBe(false);
    expect(isYearMonth('2021-04-01')).toBe(false);
  });
  it('gives first and last days', () => {
    expect(firstDayOfMonth('2021-04')).toBe('2021-04-01');
    expect(lastDayOfMonth('2021-04')).toBe('2021-04-30');
    expect(lastDayOfMonth('2021-02')).toBe('2021-02-28');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('1900-02')).toBe('1900-02-28');
    expect(lastDayOfMonth('2000-02')).toBe('2000-02-29');
    expect(lastDayOfMonth('2021-12')).toBe('2021-12-31');
    expect(() => lastDayOfMonth('2021-13')).toThrow(RangeError);
  });
  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2021-04-09', -12)).toBe('2020-04-09');
    expect(addMonths('2021-03-31', -1)).toBe('2021-02-28');
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonths('2020-02-29', -12)).toBe('2019-02-28');
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2021-11-30', 3)).toBe('2022-02-28');
    expect(addMonths('2021-04-09', 0)).toBe('2021-04-09');
    expect(addMonthsToYearMonth('2021-01', -1)).toBe('2020-12');
    expect(addMonthsToYearMonth('2021-12', 1)).toBe('2022-01');
    expect(addMonthsToYearMonth('2021-04', -28)).toBe('2018-12');
  });
});
