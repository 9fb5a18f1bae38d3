import { formatLongDate } from '../notifications/templates/format';
import { addDays, firstDayOfMonth, lastDayOfMonth, type LocalDate, type YearMonth } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { InvalidInputError } from '../common/errors';

/**
 * The rules that refuse impossible facts (SPEC, "Keeping the register"), one place each, used by
 * the API, the import and the spreadsheet alike. A refusal names the rule and the conflicting fact.
 */
export const RULES = {
  referencesByKind:
    'references match their kind: DP157 for a Draft Proposal (and for the Modification Proposal it became, until it is renumbered); MP107, MP122A or SECMP0015 for a Modification Proposal',
  factsNotAfterToday: 'a fact (raised, decided, requested, accepted, paused, returned) is not dated after today in Europe/London; plans may be',
  meetingsOnWorkingDays: 'meetings fall on Working Days',
  onlyPanelsNumbered: "only the Panel's meetings have a number (Panel 91), which their papers' references cite",
  secObjectives: 'SEC Objectives are (a) to (i)',
  releaseNamesUnique: 'release names are unique whatever their case',
  decisionsFitTheProposal:
    'a decision fits the proposal on its day: the Authority decides only a Modification Proposal on the Authority Determination path that is with it (DECIDE); the Change Board decides Modification Proposals only; no decision before a proposal was raised or after it ended',
  withinTheRegister: 'months and days asked of the register lie within what it and its calendar can answer: from its first fact to a year after today',
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

/** A meeting's number: the Panel's only. */
export function onlyPanelsNumbered(body: string, number: number | null | undefined): void {
  if (number !== null && number !== undefined && body !== 'PANEL') throw new RuleBrokenError('onlyPanelsNumbered', `a ${body} meeting has no number; ${number} was given`);
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

const REFERENCE_OF_KIND = {
  DRAFT_PROPOSAL: /^DP[0-9]+$/i,
  // A Draft Proposal that leaves Define is a Modification Proposal before SECAS renumbers it.
  MODIFICATION_PROPOSAL: /^(MP[0-9]+[A-Z]?|SECMP[0-9]{4}|DP[0-9]+)$/i,
} as const;

/** A reference matches its kind: `field` names it as the caller sent it. */
export function referenceFitsKind(reference: string, kind: keyof typeof REFERENCE_OF_KIND, field = 'reference'): void {
  if (!REFERENCE_OF_KIND[kind].test(reference)) {
    const as = kind === 'DRAFT_PROPOSAL' ? 'a Draft Proposal' : 'a Modification Proposal';
    throw new RuleBrokenError('referencesByKind', `${field} ${JSON.stringify(reference)} is no reference for ${as}`);
  }
}

/** What a decision is checked against: the proposal as it stood around the decision's day. */
export interface DecisionFacts {
  body: string;
  on: LocalDate;
  reference: string;
  kind: string;
  path: string | null;
  raisedOn: LocalDate | null;
  /** The proposal's phase as the day began, and as it ended (null when it did not exist then). */
  phaseBefore: string | null;
  phaseAfter: string | null;
}

const ENDED = ['REJECTED', 'WITHDRAWN'];

export function decisionFitsTheProposal(d: DecisionFacts): void {
  const refuse = (why: string) => {
    throw new RuleBrokenError('decisionsFitTheProposal', `${d.body} on ${d.reference} on ${d.on}: ${why}`);
  };
  if (d.raisedOn && d.on < d.raisedOn) refuse(`it was raised on ${d.raisedOn}`);
  if (d.phaseBefore && ENDED.includes(d.phaseBefore)) refuse(`it was ${d.phaseBefore} by then`);
  if ((d.body === 'AUTHORITY' || d.body === 'CHANGE_BOARD') && d.kind !== 'MODIFICATION_PROPOSAL') refuse('it is a Draft Proposal');
  if (d.body === 'AUTHORITY') {
    if (d.path && d.path !== 'AUTHORITY_DETERMINATION') refuse(`its path is ${d.path}: the Authority decides only what is sent to it`);
    if (d.phaseBefore !== null && d.phaseBefore !== 'DECIDE' && d.phaseAfter !== 'DECIDE') refuse(`it was in ${d.phaseBefore}, not with the Authority (DECIDE)`);
  }
}

/** The days the register can answer for: from its first fact to a year after today. */
export interface RegisterSpan {
  first: LocalDate | null;
  today: LocalDate;
}

export function dayWithinTheRegister(field: string, day: LocalDate, span: RegisterSpan): void {
  const last = addDays(span.today, 366);
  if (day > last) throw new RuleBrokenError('withinTheRegister', `${field} ${day} is more than a year after today, ${formatLongDate(span.today)}`);
  if (span.first && day < span.first) throw new RuleBrokenError('withinTheRegister', `${field} ${day} is before the register's first fact, of ${formatLongDate(span.first)}`);
}

export function monthWithinTheRegister(field: string, month: YearMonth, span: RegisterSpan): void {
  const last = addDays(span.today, 366);
  if (firstDayOfMonth(month) > last) throw new RuleBrokenError('withinTheRegister', `${field} ${month} is more than a year after today, ${formatLongDate(span.today)}`);
  if (span.first && lastDayOfMonth(month) < span.first) throw new RuleBrokenError('withinTheRegister', `${field} ${month} is before the register's first fact, of ${formatLongDate(span.first)}`);
}
