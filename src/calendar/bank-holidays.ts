/**
 * Bank holidays in England and Wales, for any year.
 *
 * Source: the `date-holidays` library (GB, state ENG), which knows the regular rules (Easter,
 * the first and last Mondays of May, the last Monday of August, substitute days for weekend
 * holidays) and the one-off holidays since 2019: the 2020 VE Day move, the 2022 Spring holiday
 * move with the Platinum Jubilee, the 2022 State Funeral and the 2023 Coronation. The test
 * `tests/unit/calendar/bank-holidays.test.ts` holds the official gov.uk list for 2019-2027
 * written out literally and proves the library matches it exactly, and checks every year
 * 2028-2200 against an independent rule implementation (anonymous Gregorian Easter).
 *
 * Why a library and not our own rules: the one-off holidays are exactly what a hand-written rule
 * set gets wrong, and a maintained list picks up the next one with a version bump. What the
 * library misses is patched in HISTORIC_CORRECTIONS below (all before 2019, so none affects the
 * register's dates, but "every year" should mean every year). A future one-off announced at
 * short notice (as the 2022 State Funeral was, ten days ahead) is added by an admin
 * (`addHoliday`) and reaches the calendar as an extra holiday, see working-calendar.ts.
 *
 * Scope: the modern rules are applied to every year. They are right from 1978 (when the Early
 * May holiday began); earlier years are not historically exact, which does not matter for the
 * Smart Energy Code (in force since 2013).
 */
import Holidays from 'date-holidays';
import { LocalDate, dayOfWeek, isLocalDate, parseLocalDate } from './local-date';

export interface BankHoliday {
  date: LocalDate;
  name: string;
}

interface YearCorrection {
  /** Dates the library lists that were not bank holidays that year (the day moved). */
  remove: readonly LocalDate[];
  add: readonly BankHoliday[];
}

/**
 * One-off holidays of England and Wales that date-holidays 3.37.0 gets wrong or lacks.
 * Removing a date the library does not list, or adding one it already has, is harmless, so the
 * table stays correct if a later library version fixes these.
 */
const HISTORIC_CORRECTIONS: ReadonlyMap<number, YearCorrection> = new Map<number, YearCorrection>([
  [1981, { remove: [], add: [{ date: '1981-07-29', name: 'Royal Wedding' }] }],
  [1995, {
    remove: ['1995-05-01'],
    add: [{ date: '1995-05-08', name: 'Early May bank holiday (VE Day)' }],
  }],
  [1999, { remove: [], add: [{ date: '1999-12-31', name: 'Millennium Celebrations' }] }],
  [2002, {
    remove: ['2002-05-27'],
    add: [
      { date: '2002-06-03', name: 'Golden Jubilee' },
      { date: '2002-06-04', name: 'Spring bank holiday' },
    ],
  }],
  [2011, { remove: [], add: [{ date: '2011-04-29', name: 'Royal Wedding' }] }],
  [2012, { remove: ['2012-05-28'], add: [{ date: '2012-06-04', name: 'Spring bank holiday' }] }],
]);

/**
 * Only these library types close offices. The library also lists 'observance' days (Mother's
 * Day, Easter Sunday, Father's Day) that are not holidays at all.
 */
const HOLIDAY_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);

interface YearHolidays {
  list: readonly BankHoliday[];
  dates: ReadonlySet<LocalDate>;
}

// Built on first use: constructing the rule set costs a few milliseconds.
let library: Holidays | undefined;
// Each year costs ~2 ms to compute in the library and is asked for in hot loops.
const byYear = new Map<number, YearHolidays>();

function computeYear(year: number): YearHolidays {
  library ??= new Holidays('GB', 'ENG');
  const correction = HISTORIC_CORRECTIONS.get(year);
  const removed = new Set(correction?.remove ?? []);
  const byDate = new Map<LocalDate, string>();
  for (const h of library.getHolidays(year)) {
    if (!HOLIDAY_TYPES.has(h.type)) continue;
    // `date` is "YYYY-MM-DD hh:mm:ss" in the holiday's own zone (Europe/London): the first ten
    // characters are the England date whatever the process time zone is. (`start` is a Date
    // instant and must not be read with local-time getters.)
    const date = h.date.slice(0, 10);
    if (!isLocalDate(date) || removed.has(date)) continue;
    byDate.set(date, h.name);
  }
  for (const h of correction?.add ?? []) byDate.set(h.date, h.name);
  // A holiday that falls at a weekend (Sat 1 Jan 2022) is not itself a day off: its
  // substitute (Mon 3 Jan 2022) is, and that is what the official list shows.
  const list = [...byDate]
    .filter(([date]) => {
      const dow = dayOfWeek(date);
      return dow !== 0 && dow !== 6;
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, name]) => Object.freeze({ date, name }));
  return { list: Object.freeze(list), dates: new Set(list.map((h) => h.date)) };
}

function holidaysOfYear(year: number): YearHolidays {
  if (!Number.isInteger(year) || year < 0 || year > 9999) {
    throw new RangeError(`Year out of range: ${year}`);
  }
  let cached = byYear.get(year);
  if (cached === undefined) {
    cached = computeYear(year);
    byYear.set(year, cached);
  }
  return cached;
}

/** The bank holidays of a year in England and Wales that fall on weekdays, in date order. */
export function bankHolidaysOf(year: number): ReadonlyArray<BankHoliday> {
  return holidaysOfYear(year).list;
}

export function isBankHoliday(d: LocalDate): boolean {
  return holidaysOfYear(parseLocalDate(d).year).dates.has(d);
}
