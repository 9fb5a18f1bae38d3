/**
 * Working Days of the Smart Energy Code: every day but Saturdays, Sundays, bank holidays in
 * England and Wales, and holidays an admin has added (`addHoliday`).
 *
 * Conventions (SPEC "Working Days"), shared by the API, the jobs and the report:
 * - addWorkingDays(d, n): the n-th Working Day after d, d itself not counted; n < 0 counts back.
 * - workingDaysBetween(a, b): the Working Days x with a < x <= b.
 *
 * Speed: both run in O(log) per call, not day by day. Weekdays in a range come from a closed
 * formula; weekday holidays in a range from a binary search in a sorted array of epoch days.
 * The SLA recompute calls these for every assessment every night, and the report over spans of
 * years.
 */
import { bankHolidaysOf, isBankHoliday } from './bank-holidays';
import {
  LocalDate,
  YearMonth,
  dayOfWeekOfEpochDay,
  firstDayOfMonth,
  fromEpochDay,
  toEpochDay,
} from './local-date';

export interface WorkingCalendar {
  isWorkingDay(d: LocalDate): boolean;
  /** The n-th Working Day after d (d itself not counted); negative n counts back; n = 0 returns d. */
  addWorkingDays(d: LocalDate, n: number): LocalDate;
  /** Count of Working Days x with a < x <= b; negative (minus the count of b < x <= a) when b < a. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number;
}

/**
 * Weekdays among the days before k, counted from an origin at a Monday, where k = epoch day + 3
 * (epoch day -3, 1969-12-29, was a Monday). Only differences are meaningful; floor division
 * keeps it right before 1970.
 */
function weekdaysBefore(k: number): number {
  const weeks = Math.floor(k / 7);
  return 5 * weeks + Math.min(k - 7 * weeks, 5);
}

/** Weekdays x with a < x <= b (epoch days, a <= b). */
function weekdaysIn(a: number, b: number): number {
  return weekdaysBefore(b + 4) - weekdaysBefore(a + 4);
}

/** Index of the first element > x in an ascending array. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isWeekendEpochDay(n: number): boolean {
  const dow = dayOfWeekOfEpochDay(n);
  return dow === 0 || dow === 6;
}

function yearOfEpochDay(n: number): number {
  return Number(fromEpochDay(n).slice(0, 4));
}

class FastWorkingCalendar implements WorkingCalendar {
  /** Extra (admin-added) holidays, as epoch days; weekend ones are kept but never counted. */
  private readonly extra: ReadonlySet<number>;
  /** Years whose bank holidays are in `holidayDays`; empty until the first range query. */
  private fromYear = 0;
  private toYear = -1;
  /** The same span as epoch days (1 Jan of fromYear .. 31 Dec of toYear), for a cheap check. */
  private coveredFrom = 0;
  private coveredTo = -1;
  /** Every weekday holiday (bank or extra) of the covered years, plus weekday extras, ascending. */
  private holidayDays: number[] = [];

  constructor(extraHolidays: Iterable<LocalDate>) {
    const extra = new Set<number>();
    for (const d of extraHolidays) extra.add(toEpochDay(d));
    this.extra = extra;
  }

  isWorkingDay(d: LocalDate): boolean {
    const n = toEpochDay(d);
    return !isWeekendEpochDay(n) && !this.extra.has(n) && !isBankHoliday(d);
  }

  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    const x = toEpochDay(a);
    const y = toEpochDay(b);
    if (x <= y) return this.countIn(x, y);
    // Written as 0 - count: -count would give -0 for an empty range, which Object.is tells from 0.
    return 0 - this.countIn(y, x);
  }

  addWorkingDays(d: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n)) throw new RangeError(`Working Days must be an integer: ${n}`);
    const start = toEpochDay(d);
    if (n === 0) return d;
    return fromEpochDay(n > 0 ? this.forward(start, n) : this.backward(start, -n));
  }

  /** The smallest x > start with n Working Days in (start, x]; that x is a Working Day. */
  private forward(start: number, n: number): number {
    // A first guess of whole weeks, doubled until it reaches far enough (holidays only add days).
    let span = Math.ceil(n / 5) * 7 + 7;
    while (this.countIn(start, start + span) < n) span *= 2;
    let lo = start; // countIn(start, lo) < n
    let hi = start + span; // countIn(start, hi) >= n
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.countIn(start, mid) >= n) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  /** The largest x < start with n Working Days in [x, start); that x is a Working Day. */
  private backward(start: number, n: number): number {
    let span = Math.ceil(n / 5) * 7 + 7;
    while (this.countIn(start - span - 1, start - 1) < n) span *= 2;
    let lo = start - span; // n or more Working Days in [lo, start)
    let hi = start; // fewer than n in [hi, start)
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.countIn(mid - 1, start - 1) >= n) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Working Days x with a < x <= b (epoch days, a <= b). */
  private countIn(a: number, b: number): number {
    if (b <= a) return 0;
    if (a + 1 < this.coveredFrom || b > this.coveredTo) this.cover(yearOfEpochDay(a + 1), yearOfEpochDay(b));
    const holidays = upperBound(this.holidayDays, b) - upperBound(this.holidayDays, a);
    return weekdaysIn(a, b) - holidays;
  }

  /** Makes sure the bank holidays of every year from..to are in `holidayDays`. */
  private cover(from: number, to: number): void {
    const empty = this.toYear < this.fromYear;
    const newFrom = empty ? from : Math.min(from, this.fromYear);
    const newTo = empty ? to : Math.max(to, this.toYear);
    const days = new Set<number>();
    for (let year = newFrom; year <= newTo; year += 1) {
      for (const h of bankHolidaysOf(year)) days.add(toEpochDay(h.date));
    }
    // Extras outside the covered years are harmless: a range query only counts what lies in it.
    for (const n of this.extra) if (!isWeekendEpochDay(n)) days.add(n);
    this.holidayDays = [...days].sort((p, q) => p - q);
    this.fromYear = newFrom;
    this.toYear = newTo;
    this.coveredFrom = toEpochDay(`${String(newFrom).padStart(4, '0')}-01-01`);
    this.coveredTo = toEpochDay(`${String(newTo).padStart(4, '0')}-12-31`);
  }
}

/**
 * A Working Day calendar: weekends and England and Wales bank holidays, plus the extra
 * holidays given (those an admin added; weekend ones change nothing). Each calendar caches the
 * holidays of the years it has been asked about, so build one per set of extra holidays and
 * reuse it, and build a new one when a holiday is added.
 */
export function createWorkingCalendar(extraHolidays: Iterable<LocalDate> = []): WorkingCalendar {
  return new FastWorkingCalendar(extraHolidays);
}

/** The calendar with no admin-added holidays. */
export const STANDARD_CALENDAR: WorkingCalendar = createWorkingCalendar();

const WEDNESDAY = 3;

/**
 * The Working Group meets on the first Wednesday of the month that is a Working Day: when the
 * first Wednesday is a holiday, the next Wednesday that is a Working Day in the same month.
 * Null when no Wednesday of the month is a Working Day (only possible with extra holidays).
 */
export function firstWorkingWednesday(
  yearMonth: YearMonth,
  calendar: WorkingCalendar = STANDARD_CALENDAR,
): LocalDate | null {
  const first = toEpochDay(firstDayOfMonth(yearMonth));
  const offset = (WEDNESDAY - dayOfWeekOfEpochDay(first) + 7) % 7;
  for (let n = first + offset; ; n += 7) {
    const d = fromEpochDay(n);
    if (d.slice(0, 7) !== yearMonth) return null;
    if (calendar.isWorkingDay(d)) return d;
  }
}

/** The Working Group's meeting day in each month of a year, in order (months with none left out). */
export function workingGroupDates(year: number, calendar: WorkingCalendar = STANDARD_CALENDAR): LocalDate[] {
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  const dates: LocalDate[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const ym = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    const d = firstWorkingWednesday(ym, calendar);
    if (d !== null) dates.push(d);
  }
  return dates;
}
