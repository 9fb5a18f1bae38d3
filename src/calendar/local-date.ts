/**
 * Calendar dates with no time of day and no zone: 'YYYY-MM-DD' strings, as the register, the
 * GraphQL contract and the database all carry them.
 *
 * Arithmetic goes through an integer "epoch day" (days since 1970-01-01, proleptic Gregorian)
 * computed with pure integer formulas, never through a JavaScript Date in local time: a date
 * must not move by a day because the process runs with TZ=America/Los_Angeles, and a date in
 * the register is a date in England whatever the server thinks the time zone is. (The formulas
 * are H. Hinnant's days_from_civil / civil_from_days; the tests cross-check them against
 * Date.UTC. They are used instead of Date.UTC itself because Date.UTC maps years 0-99 to
 * 1900-1999 and allocates in hot loops.)
 */

/** 'YYYY-MM-DD', a real calendar date, four-digit year. */
export type LocalDate = string;
/** 'YYYY-MM', a calendar month. */
export type YearMonth = string;

export interface DateParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH_PATTERN = /^(\d{4})-(\d{2})$/;
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month; month is 1..12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a 'YYYY-MM-DD' string that names a day that exists (2021-02-30 does not). */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = LOCAL_DATE_PATTERN.exec(s);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a 'YYYY-MM' string with a month 01..12. */
export function isYearMonth(s: unknown): s is YearMonth {
  if (typeof s !== 'string') return false;
  const m = YEAR_MONTH_PATTERN.exec(s);
  if (m === null) return false;
  const month = Number(m[2]);
  return month >= 1 && month <= 12;
}

/** Splits a LocalDate into numbers; throws a RangeError for anything that is not one. */
export function parseLocalDate(d: LocalDate): DateParts {
  if (!isLocalDate(d)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${String(d)}"`);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

function parseYearMonth(ym: YearMonth): { year: number; month: number } {
  if (!isYearMonth(ym)) throw new RangeError(`Not a month (YYYY-MM): "${String(ym)}"`);
  return { year: Number(ym.slice(0, 4)), month: Number(ym.slice(5, 7)) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds a LocalDate from numbers; throws when they do not name a real day. */
export function localDateOf(year: number, month: number, day: number): LocalDate {
  const d = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!Number.isInteger(year) || !isLocalDate(d)) {
    throw new RangeError(`No such calendar date: ${year}-${month}-${day}`);
  }
  return d;
}

/** Days since 1970-01-01 (negative before it) of a calendar date given as numbers. */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The number `length` ASCII digits of `s` from `at` spell, or -1 when one of them is not a digit. */
function digitsAt(s: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * Days since 1970-01-01 (negative before it); a RangeError for anything that is not a LocalDate,
 * as parseLocalDate refuses it. Read digit by digit, without the pattern and the parts object: the
 * SLA figures read every date of every row through here (on a computed page of 50, parsing dates
 * was 11 % of the API's CPU under load).
 */
export function toEpochDay(d: LocalDate): number {
  if (typeof d === 'string' && d.length === 10 && d.charCodeAt(4) === 45 && d.charCodeAt(7) === 45) {
    const year = digitsAt(d, 0, 4);
    const month = digitsAt(d, 5, 2);
    const day = digitsAt(d, 8, 2);
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return epochDayOf(year, month, day);
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${String(d)}"`);
}

/** The calendar date `n` days after 1970-01-01; years outside 0000-9999 are refused. */
export function fromEpochDay(n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Epoch day must be an integer: ${n}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Date out of range (years ${MIN_YEAR}-${MAX_YEAR}): epoch day ${n}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 0 = Sunday .. 6 = Saturday, like Date#getUTCDay, for an epoch day. */
export function dayOfWeekOfEpochDay(n: number): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps days before 1970 in 0..6.
  return (((n + 4) % 7) + 7) % 7;
}

/** 0 = Sunday .. 6 = Saturday. */
export function dayOfWeek(d: LocalDate): number {
  return dayOfWeekOfEpochDay(toEpochDay(d));
}

export function isWeekend(d: LocalDate): boolean {
  const dow = dayOfWeek(d);
  return dow === 0 || dow === 6;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Days must be an integer: ${n}`);
  return fromEpochDay(toEpochDay(d) + n);
}

/** Calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/**
 * Negative, zero or positive as a is before, on or after b. The fixed-width format makes
 * string order calendar order, so no parsing is needed (both must be LocalDates).
 */
export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxLocalDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

export function yearOf(d: LocalDate): number {
  return parseLocalDate(d).year;
}

/** 'YYYY-MM' of a date. */
export function yearMonthOf(d: LocalDate): YearMonth {
  parseLocalDate(d);
  return d.slice(0, 7);
}

export function firstDayOfMonth(ym: YearMonth): LocalDate {
  parseYearMonth(ym);
  return `${ym}-01`;
}

export function lastDayOfMonth(ym: YearMonth): LocalDate {
  const { year, month } = parseYearMonth(ym);
  return `${ym}-${pad(daysInMonth(year, month), 2)}`;
}

/** The month n months after ym (before it when n is negative). */
export function addMonthsToYearMonth(ym: YearMonth, n: number): YearMonth {
  if (!Number.isInteger(n)) throw new RangeError(`Months must be an integer: ${n}`);
  const { year, month } = parseYearMonth(ym);
  const index = year * 12 + (month - 1) + n;
  const newYear = Math.floor(index / 12);
  if (newYear < MIN_YEAR || newYear > MAX_YEAR) throw new RangeError(`Month out of range: ${ym} + ${n}`);
  return `${pad(newYear, 4)}-${pad(index - newYear * 12 + 1, 2)}`;
}

/**
 * The same day of the month n months later (earlier when negative), clamped to the month's
 * last day: 2021-03-31 minus one month is 2021-02-28. Used for "the 12 months ending asOf".
 */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const { day } = parseLocalDate(d);
  const ym = addMonthsToYearMonth(d.slice(0, 7), n);
  const { year, month } = parseYearMonth(ym);
  return `${ym}-${pad(Math.min(day, daysInMonth(year, month)), 2)}`;
}
