import { daysBetween, type LocalDate } from '../../calendar/local-date';

const longDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long' });

const instant = (d: LocalDate) => new Date(`${d}T00:00:00Z`);

/** Friday 9 April 2021 */
export function formatLongDate(d: LocalDate): string {
  return longDate.format(instant(d)).replace(',', '');
}

/** Fri 9 Apr 2021: table cells. Every month in three letters: ICU's en-GB writes September "Sept". */
export function formatDate(d: LocalDate | null): string {
  return d ? shortDate.format(instant(d)).replace(',', '').replace(' Sept ', ' Sep ') : '—';
}

/** How a person says a near day, seen from `today`: today, tomorrow, Monday, 19 April. */
export function formatWhen(d: LocalDate, today: LocalDate): string {
  const ahead = daysBetween(today, d);
  if (ahead === 0) return 'today';
  if (ahead === 1) return 'tomorrow';
  if (ahead > 1 && ahead < 7) return weekday.format(instant(d));
  return dayMonth.format(instant(d));
}

/** "1 consultation", "3 consultations". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export const ASSESSMENT_TYPE = { PRELIMINARY: 'Preliminary Assessment', IMPACT: 'Impact Assessment' } as const;
export const ASSESSMENT_ABBREVIATION = { PRELIMINARY: 'PA', IMPACT: 'IA' } as const;
export const CONSULTATION_KIND: Record<string, string> = {
  REFINEMENT: 'Refinement Consultation',
  MODIFICATION_REPORT: 'Modification Report Consultation',
};
