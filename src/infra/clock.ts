import type { LocalDate } from '../calendar/local-date';

/** "Today" is the date in Europe/London (SPEC), whatever zone the process runs in. */
export interface Clock {
  now(): Date;
  today(): LocalDate;
}

const londonDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
});

export function londonDateOf(instant: Date): LocalDate {
  return londonDate.format(instant);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => londonDateOf(new Date()),
};

/** A clock pinned to one instant: for tests, and for jobs that run "as of" a given day. */
export function fixedClock(instant: Date): Clock {
  return { now: () => new Date(instant), today: () => londonDateOf(instant) };
}
