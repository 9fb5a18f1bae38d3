import { formatLongDate } from '../notifications/templates/format';
import type { LocalDate } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { InvalidInputError } from '../common/errors';

/**
 * The rules that refuse impossible facts (SPEC, "Keeping the register"), one place each, used by
 * the API, the import and the spreadsheet alike. A refusal names the rule and the conflicting fact.
 */
export const RULES = {
  factsNotAfterToday: 'a fact (raised, decided, requested, accepted, paused, returned) is not dated after today in Europe/London; plans may be',
  meetingsOnWorkingDays: 'meetings fall on Working Days',
  secObjectives: 'SEC Objectives are (a) to (i)',
  releaseNamesUnique: 'release names are unique whatever their case',
} as const;

export type RuleName = keyof typeof RULES;

/** Input that breaks a rule of the register: BAD_USER_INPUT, with the rule named in `details.rule`. */
export class RuleBrokenError extends InvalidInputError {
  constructor(readonly rule: RuleName, conflict: string) {
    super(`${conflict} (rule: ${RULES[rule]})`, { rule });
  }
}

/** A fact happened by today: `field` names it as the caller sent it (acceptedOn). */
export function factNotAfterToday(field: string, date: LocalDate | null | undefined, today: LocalDate): void {
  if (date && date > today) throw new RuleBrokenError('factsNotAfterToday', `${field} ${date} is after today, ${formatLongDate(today)}`);
}

export function meetingOnWorkingDay(date: LocalDate, calendar: WorkingCalendar): void {
  if (!calendar.isWorkingDay(date)) throw new RuleBrokenError('meetingsOnWorkingDays', `${formatLongDate(date)} is not a Working Day`);
}

const OBJECTIVE = /^\(?([a-i])\)?$/;

/** The objectives as the register keeps them ('a' to 'i', once each, in order); "(g)" and "G" are read as g. */
export function secObjectives(given: readonly string[]): string[] {
  const letters = given.map((o) => {
    const letter = OBJECTIVE.exec(o.trim().toLowerCase())?.[1];
    if (!letter) throw new RuleBrokenError('secObjectives', `${JSON.stringify(o)} is no SEC Objective`);
    return letter;
  });
  return [...new Set(letters)].sort();
}
