import { CronExpressionParser } from 'cron-parser';
import type { LocalDate } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { londonDateOf } from '../infra/clock';

export interface DigestFirings {
  /** DIGEST_CRON, read in Europe/London as the schedule reads it. */
  cron: string;
  /** Firings before this instant are none of the schedule's (it was registered then). */
  since: Date;
  now: Date;
  /** How long a firing has to record its day before a sweep counts it as lost. */
  graceMs: number;
  /** How many of the latest Working Days with a firing are looked at, at most. */
  workingDays: number;
  calendar: WorkingCalendar;
}

/** Enough steps back to pass the last few Working Days of any sensible schedule (hourly, say). */
const MAX_FIRINGS_LOOKED_AT = 500;

/**
 * The Working Days (newest first) on which the morning schedule fired, or should have, at least
 * `graceMs` ago and since it was registered: the days whose digests a sweep may catch up. Bounded
 * to the last few, so an install that was down for a month does not send a month of mornings.
 */
export function dueDigestDays(f: DigestFirings): LocalDate[] {
  const firings = CronExpressionParser.parse(f.cron, { currentDate: new Date(f.now.getTime() - f.graceMs), tz: 'Europe/London' });
  const days: LocalDate[] = [];
  for (let i = 0; i < MAX_FIRINGS_LOOKED_AT && days.length < f.workingDays && firings.hasPrev(); i++) {
    const at = firings.prev().toDate();
    if (at < f.since) break;
    const day = londonDateOf(at);
    if (f.calendar.isWorkingDay(day) && !days.includes(day)) days.push(day);
  }
  return days;
}
