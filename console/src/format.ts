/** Dates as the register's people read them: "Fri 9 Apr 2021" (UTC days, as the API gives them). */
const SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

export function formatDate(day: string | null | undefined): string {
  if (!day) return '—';
  return SHORT.format(new Date(`${day}T00:00:00Z`)).replace(',', '').replace(' Sept ', ' Sep ');
}

/** "48 WD over", "3 WD left": Working Days always say WD. */
export function workingDaysWords(remaining: number | null | undefined): string {
  if (remaining === null || remaining === undefined) return '—';
  return remaining < 0 ? `${-remaining} WD over` : `${remaining} WD left`;
}

/** REFINE -> Refine; DRAFT_PROPOSAL -> Draft proposal. */
export const words = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

/** Today in London, as YYYY-MM-DD. */
export const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const INSTANT = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A moment as London reads it: "Sat 5 Dec 2026, 23:55". */
export function formatInstant(instant: string | null | undefined): string {
  if (!instant) return '—';
  return INSTANT.format(new Date(instant)).replace(/^(\w+),/, '$1').replace(' Sept ', ' Sep ');
}
