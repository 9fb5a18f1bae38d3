/**
 * The SLA position of a DCC assessment (SPEC "SLA rules for an assessment"), as a pure function
 * of its facts, a Working Day calendar and the day asked about. The API's `sla(asOf:)`, the
 * nightly recompute and the report all call these, so they can never disagree.
 *
 * - No clock runs until the DCC accepts the request.
 * - The clock counts the Working Days d with acceptedOn < d <= asOf (<= returnedOn once
 *   returned), except paused ones: a pause from F resumed on T stops it on the Working Days d
 *   with F <= d < T; it runs again on T.
 * - The target completion day is the Working Day on which the count reaches the target.
 */
import { LocalDate, addDays, maxLocalDate } from '../calendar/local-date';
import { WorkingCalendar } from '../calendar/working-calendar';

export type SlaStatus =
  | 'AWAITING_ACCEPTANCE'
  | 'ON_TRACK'
  | 'DUE_SOON'
  | 'OVERDUE'
  | 'PAUSED'
  | 'COMPLETED_ON_TIME'
  | 'COMPLETED_LATE'
  | 'COMPLETED';

export interface PauseFacts {
  from: LocalDate;
  /** The day the clock runs again; null while the pause is open. */
  to: LocalDate | null;
}

export interface AssessmentFacts {
  acceptedOn: LocalDate | null;
  returnedOn: LocalDate | null;
  targetWorkingDays: number;
  pauses: readonly PauseFacts[];
}

export interface SlaPosition {
  asOf: LocalDate;
  status: SlaStatus;
  /** Working Days counted so far, pauses excluded; null before acceptance. */
  elapsedWorkingDays: number | null;
  /** target minus elapsed; negative once overdue; null before acceptance. */
  remainingWorkingDays: number | null;
}

/** "Due soon" when no more than this many Working Days are left (SPEC default). */
export const DEFAULT_DUE_SOON_WORKING_DAYS = 3;

/** A pause as the span of days the clock is stopped: from <= d < to (to = null: open-ended). */
interface StoppedSpan {
  from: LocalDate;
  to: LocalDate | null;
}

/**
 * The pauses sorted and merged, clipped to start after acceptance (the clock counts only days
 * after it), with empty ones (to <= from) dropped. The SPEC promises pauses never overlap, but
 * a slip in the data must not count a stopped day twice and drive the clock backwards.
 */
function stoppedSpans(pauses: readonly PauseFacts[], acceptedOn: LocalDate): StoppedSpan[] {
  const firstCounted = addDays(acceptedOn, 1);
  const spans = pauses
    .map((p) => ({ from: maxLocalDate(p.from, firstCounted), to: p.to }))
    .filter((p) => p.to === null || p.to > p.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: StoppedSpan[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (last.to === null || span.from <= last.to)) {
      last.to = last.to === null || span.to === null ? null : maxLocalDate(last.to, span.to);
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

/** Working Days on which the clock was stopped, among d with acceptedOn < d <= end. */
function stoppedWorkingDays(
  spans: readonly StoppedSpan[],
  end: LocalDate,
  calendar: WorkingCalendar,
): number {
  let total = 0;
  for (const span of spans) {
    if (span.from > end) break;
    // Stopped days in [from, min(to - 1, end)] = Working Days in (from - 1, that end].
    const lastStopped = span.to === null || span.to > end ? end : addDays(span.to, -1);
    total += Math.max(0, calendar.workingDaysBetween(addDays(span.from, -1), lastStopped));
  }
  return total;
}

/** Rejects a target that would make the arithmetic meaningless (the service validates input too). */
function checkTarget(facts: AssessmentFacts): void {
  if (!Number.isInteger(facts.targetWorkingDays) || facts.targetWorkingDays < 0) {
    throw new RangeError(`targetWorkingDays must be a whole number >= 0: ${facts.targetWorkingDays}`);
  }
}

function isReturnedBy(facts: AssessmentFacts, asOf: LocalDate): boolean {
  return facts.returnedOn !== null && facts.returnedOn <= asOf;
}

/**
 * Working Days the clock has run from acceptance to asOf (to the return day once returned),
 * pauses excluded. Only pauses begun by then matter: a pause that starts later cannot touch
 * days up to asOf. Null when not accepted, or asked about a day before acceptance.
 */
export function elapsedWorkingDays(
  facts: AssessmentFacts,
  asOf: LocalDate,
  calendar: WorkingCalendar,
): number | null {
  const { acceptedOn } = facts;
  if (acceptedOn === null || asOf < acceptedOn) return null;
  const returnedBy = isReturnedBy(facts, asOf) ? facts.returnedOn : null;
  // A return dated before the acceptance (a slip in the data) counts as no time at all.
  const end = returnedBy === null ? asOf : maxLocalDate(returnedBy, acceptedOn);
  const counted = calendar.workingDaysBetween(acceptedOn, end);
  return counted - stoppedWorkingDays(stoppedSpans(facts.pauses, acceptedOn), end, calendar);
}

/**
 * The Working Day on which the elapsed count reaches the target: addWorkingDays(acceptedOn,
 * target) moved on by the paused Working Days before it. Walked pause by pause so that a pause
 * starting after the target was already reached moves nothing. Null when not accepted, or while
 * any pause is open: nobody knows the day until the clock runs again.
 */
export function targetCompletionOn(facts: AssessmentFacts, calendar: WorkingCalendar): LocalDate | null {
  checkTarget(facts);
  const { acceptedOn } = facts;
  if (acceptedOn === null) return null;
  if (facts.pauses.some((p) => p.to === null)) return null;
  let remaining = facts.targetWorkingDays;
  // The clock has counted every running Working Day up to and including `cursor`.
  let cursor = acceptedOn;
  for (const span of stoppedSpans(facts.pauses, acceptedOn)) {
    const runningBeforePause = calendar.workingDaysBetween(cursor, addDays(span.from, -1));
    if (remaining <= runningBeforePause) break;
    remaining -= runningBeforePause;
    // The clock runs again on `to`: the next counted day is the first Working Day >= to.
    cursor = addDays(span.to as LocalDate, -1);
  }
  return calendar.addWorkingDays(cursor, remaining);
}

function openPauseOn(facts: AssessmentFacts, asOf: LocalDate): boolean {
  return facts.pauses.some((p) => p.from <= asOf && (p.to === null || p.to > asOf));
}

/**
 * The SLA position on a day, past or future, from the stored facts.
 *
 * Order of the rules, where the SPEC leaves it open:
 * 1. Returned on or before asOf: a COMPLETED_* status, even if a pause was left open in the
 *    data (a returned assessment has no clock to pause). On time when returnedOn <=
 *    targetCompletionOn. COMPLETED when that cannot be judged: acceptance not recorded (many
 *    historic rows) or a pause never closed, so the target day is unknown.
 * 2. Not accepted, or asOf before acceptance: AWAITING_ACCEPTANCE, no counts.
 * 3. A pause open on asOf (begun on or before it, not resumed by it): PAUSED, with counts.
 * 4. OVERDUE when elapsed > target; DUE_SOON when remaining <= threshold; else ON_TRACK.
 */
export function slaOn(
  facts: AssessmentFacts,
  asOf: LocalDate,
  calendar: WorkingCalendar,
  dueSoonWorkingDays: number = DEFAULT_DUE_SOON_WORKING_DAYS,
): SlaPosition {
  checkTarget(facts);
  const elapsed = elapsedWorkingDays(facts, asOf, calendar);
  const remaining = elapsed === null ? null : facts.targetWorkingDays - elapsed;
  const position = (status: SlaStatus): SlaPosition => ({
    asOf,
    status,
    elapsedWorkingDays: elapsed,
    remainingWorkingDays: remaining,
  });

  if (isReturnedBy(facts, asOf)) {
    const target = targetCompletionOn(facts, calendar);
    if (target === null) return position('COMPLETED');
    return position((facts.returnedOn as LocalDate) <= target ? 'COMPLETED_ON_TIME' : 'COMPLETED_LATE');
  }
  if (elapsed === null || remaining === null) return position('AWAITING_ACCEPTANCE');
  if (openPauseOn(facts, asOf)) return position('PAUSED');
  if (elapsed > facts.targetWorkingDays) return position('OVERDUE');
  if (remaining <= dueSoonWorkingDays) return position('DUE_SOON');
  return position('ON_TRACK');
}
