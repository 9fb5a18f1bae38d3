import { spawnSync } from 'child_process';
import path from 'path';
import { bankHolidaysOf, isBankHoliday } from '../../../src/calendar/bank-holidays';
import { addDays, dayOfWeek } from '../../../src/calendar/local-date';

/**
 * The official list of bank holidays in England and Wales (gov.uk/bank-holidays), 2019-2027,
 * written out by hand. The library behind bank-holidays.ts must reproduce it exactly.
 */
const OFFICIAL_ENGLAND_AND_WALES: Record<number, string[]> = {
  2019: [
    '2019-01-01', // New Year's Day
    '2019-04-19', // Good Friday
    '2019-04-22', // Easter Monday
    '2019-05-06', // Early May bank holiday
    '2019-05-27', // Spring bank holiday
    '2019-08-26', // Summer bank holiday
    '2019-12-25', // Christmas Day
    '2019-12-26', // Boxing Day
  ],
  2020: [
    '2020-01-01', // New Year's Day
    '2020-04-10', // Good Friday
    '2020-04-13', // Easter Monday
    '2020-05-08', // Early May bank holiday (VE day), moved from Mon 4 May
    '2020-05-25', // Spring bank holiday
    '2020-08-31', // Summer bank holiday
    '2020-12-25', // Christmas Day
    '2020-12-28', // Boxing Day (substitute day)
  ],
  2021: [
    '2021-01-01', // New Year's Day
    '2021-04-02', // Good Friday
    '2021-04-05', // Easter Monday
    '2021-05-03', // Early May bank holiday
    '2021-05-31', // Spring bank holiday
    '2021-08-30', // Summer bank holiday
    '2021-12-27', // Christmas Day (substitute day)
    '2021-12-28', // Boxing Day (substitute day)
  ],
  2022: [
    '2022-01-03', // New Year's Day (substitute day)
    '2022-04-15', // Good Friday
    '2022-04-18', // Easter Monday
    '2022-05-02', // Early May bank holiday
    '2022-06-02', // Spring bank holiday, moved from Mon 30 May
    '2022-06-03', // Platinum Jubilee bank holiday
    '2022-08-29', // Summer bank holiday
    '2022-09-19', // Bank Holiday for the State Funeral of Queen Elizabeth II
    '2022-12-26', // Boxing Day
    '2022-12-27', // Christmas Day (substitute day)
  ],
  2023: [
    '2023-01-02', // New Year's Day (substitute day)
    '2023-04-07', // Good Friday
    '2023-04-10', // Easter Monday
    '2023-05-01', // Early May bank holiday
    '2023-05-08', // Bank holiday for the coronation of King Charles III
    '2023-05-29', // Spring bank holiday
    '2023-08-28', // Summer bank holiday
    '2023-12-25', // Christmas Day
    '2023-12-26', // Boxing Day
  ],
  2024: [
    '2024-01-01', // New Year's Day
    '2024-03-29', // Good Friday
    '2024-04-01', // Easter Monday
    '2024-05-06', // Early May bank holiday
    '2024-05-27', // Spring bank holiday
    '2024-08-26', // Summer bank holiday
    '2024-12-25', // Christmas Day
    '2024-12-26', // Boxing Day
  ],
  2025: [
    '2025-01-01', // New Year's Day
    '2025-04-18', // Good Friday
    '2025-04-21', // Easter Monday
    '2025-05-05', // Early May bank holiday
    '2025-05-26', // Spring bank holiday
    '2025-08-25', // Summer bank holiday
    '2025-12-25', // Christmas Day
    '2025-12-26', // Boxing Day
  ],
  2026: [
    '2026-01-01', // New Year's Day
    '2026-04-03', // Good Friday
    '2026-04-06', // Easter Monday
    '2026-05-04', // Early May bank holiday
    '2026-05-25', // Spring bank holiday
    '2026-08-31', // Summer bank holiday
    '2026-12-25', // Christmas Day
    '2026-12-28', // Boxing Day (substitute day)
  ],
  2027: [
    '2027-01-01', // New Year's Day
    '2027-03-26', // Good Friday
    '2027-03-29', // Easter Monday
    '2027-05-03', // Early May bank holiday
    '2027-05-31', // Spring bank holiday
    '2027-08-30', // Summer bank holiday
    '2027-12-27', // Christmas Day (substitute day)
    '2027-12-28', // Boxing Day (substitute day)
  ],
};

/** One-off holidays before 2019 that the library misses, patched by bank-holidays.ts. */
const HISTORIC_ONE_OFFS: Record<number, { present: string[]; absent: string[] }> = {
  1981: { present: ['1981-07-29'], absent: [] }, // Royal Wedding
  1995: { present: ['1995-05-08'], absent: ['1995-05-01'] }, // VE Day 50th: Early May moved
  1999: { present: ['1999-12-31'], absent: [] }, // Millennium
  2002: { present: ['2002-06-03', '2002-06-04'], absent: ['2002-05-27'] }, // Golden Jubilee
  2011: { present: ['2011-04-29'], absent: [] }, // Royal Wedding
  2012: { present: ['2012-06-04', '2012-06-05'], absent: ['2012-05-28'] }, // Diamond Jubilee
};
const YEARS_WITH_ONE_OFFS = new Set([1981, 1995, 1999, 2002, 2011, 2012, 2020, 2022, 2023]);

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const isWeekendDay = (d: string) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;

/** An independent statement of the regular rules, as an oracle for years with no one-offs. */
function byTheRules(year: number): string[] {
  const y = String(year).padStart(4, '0');
  const mondayOnOrAfter = (d: string) => {
    let x = d;
    while (dayOfWeek(x) !== 1) x = addDays(x, 1);
    return x;
  };
  const lastMonday = (lastDay: string) => {
    let x = lastDay;
    while (dayOfWeek(x) !== 1) x = addDays(x, -1);
    return x;
  };
  const easter = easterSunday(year);
  const fixed = [
    addDays(easter, -2),
    addDays(easter, 1),
    mondayOnOrAfter(`${y}-05-01`),
    lastMonday(`${y}-05-31`),
    lastMonday(`${y}-08-31`),
  ];
  // New Year's Day, Christmas and Boxing Day move to the next weekday not already a holiday.
  const days = new Set(fixed);
  for (const d of [`${y}-01-01`, `${y}-12-25`, `${y}-12-26`]) {
    let x = d;
    while (isWeekendDay(x) || days.has(x)) x = addDays(x, 1);
    days.add(x);
  }
  return [...days].sort();
}

const datesOf = (year: number) => bankHolidaysOf(year).map((h) => h.date);

describe('bank holidays in England and Wales', () => {
  it.each(Object.keys(OFFICIAL_ENGLAND_AND_WALES).map(Number))('match the official list for %i', (year) => {
    expect(datesOf(year)).toEqual(OFFICIAL_ENGLAND_AND_WALES[year]);
  });

  it('answer isBankHoliday for every day of 2019-2027 as the official list says', () => {
    const official = new Set(Object.values(OFFICIAL_ENGLAND_AND_WALES).flat());
    for (let d = '2019-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
      if (isBankHoliday(d) !== official.has(d)) throw new Error(`disagrees on ${d}`);
    }
  });

  it('name every holiday and leave out observances and the weekend days behind substitutes', () => {
    for (let year = 1978; year <= 2100; year += 1) {
      for (const h of bankHolidaysOf(year)) {
        expect(h.name.length).toBeGreaterThan(0);
        expect(h.name).not.toMatch(/Mother|Father|Easter Sunday/);
        expect(isWeekendDay(h.date)).toBe(false);
      }
    }
    expect(isBankHoliday('2022-01-01')).toBe(false); // Saturday; Monday 3 January is the holiday
    expect(isBankHoliday('2021-03-14')).toBe(false); // Mother's Day, an observance
    expect(bankHolidaysOf(2020).find((h) => h.date === '2020-12-28')?.name).toMatch(/Boxing Day/);
  });

  it('follow the regular rules in every year without one-offs, 1978-2200', () => {
    for (let year = 1978; year <= 2200; year += 1) {
      if (YEARS_WITH_ONE_OFFS.has(year)) continue;
      expect({ year, dates: datesOf(year) }).toEqual({ year, dates: byTheRules(year) });
    }
  });

  it('know the historic one-offs the library misses', () => {
    for (const [year, { present, absent }] of Object.entries(HISTORIC_ONE_OFFS)) {
      const dates = datesOf(Number(year));
      for (const d of present) expect(dates).toContain(d);
      for (const d of absent) expect(dates).not.toContain(d);
    }
    expect(datesOf(2012)).toEqual([
      '2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05',
      '2012-08-27', '2012-12-25', '2012-12-26',
    ]);
  });

  it('cache each year', () => {
    expect(bankHolidaysOf(2021)).toBe(bankHolidaysOf(2021));
    expect(Object.isFrozen(bankHolidaysOf(2021))).toBe(true);
  });

  it('refuse what is not a date or a year', () => {
    expect(() => isBankHoliday('2021-02-30')).toThrow(RangeError);
    expect(() => bankHolidaysOf(2021.5)).toThrow(RangeError);
    expect(() => bankHolidaysOf(10_000)).toThrow(RangeError);
  });
});

describe('independence from the process time zone', () => {
  // Jest hands each test file a copy of process.env, so TZ cannot be changed in-process: run
  // the real module in a fresh Node process per zone (TypeScript transpiled on the fly).
  const moduleFile = path.resolve(__dirname, '../../../src/calendar/bank-holidays.ts');
  const script = `
    const fs = require('fs');
    const ts = require('typescript');
    require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText, file);
    const { bankHolidaysOf } = require(${JSON.stringify(moduleFile)});
    const out = { offset: new Date(Date.UTC(2021, 0, 1, 12)).getTimezoneOffset(), years: {} };
    for (let y = 2019; y <= 2027; y++) out.years[y] = bankHolidaysOf(y).map((h) => h.date);
    process.stdout.write(JSON.stringify(out));
  `;

  it.each([
    ['UTC', 0],
    ['America/Los_Angeles', 480],
    ['Pacific/Auckland', -780],
    ['Europe/London', 0],
  ])('gives the England dates with TZ=%s', (zone, offset) => {
    const run = spawnSync(process.execPath, ['-e', script], {
      cwd: path.resolve(__dirname, '../../..'),
      env: { PATH: process.env.PATH, TZ: zone },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { offset: number; years: Record<string, string[]> };
    expect(out.offset).toBe(offset); // the zone really applied
    expect(out.years).toEqual(OFFICIAL_ENGLAND_AND_WALES);
  });
});
