import type { LocalDate } from '../calendar/local-date';

/** What a proposal's phase on a day is worked out from: its raising, its phase now, its changes oldest first. */
export interface PhaseFacts {
  raisedOn: LocalDate | null;
  phase: string;
  /** Ordered as recorded: by day, then by when each was recorded. */
  changes: ReadonlyArray<{ on: LocalDate; to: string }>;
}

/**
 * The phase a proposal was in at the end of `day`, by the register's as-of rule (the SQL function
 * modifications_on, which answers the same): the last change made by then; before its first
 * change, the phase that change records; with no change at all, its phase now. Null when it had
 * not been raised by then (raised on its raising day, else on its first change).
 */
export function phaseOnDay(facts: PhaseFacts, day: LocalDate): string | null {
  const raised = facts.raisedOn ?? facts.changes[0]?.on ?? day;
  if (raised > day) return null;
  let phase: string | undefined;
  for (const change of facts.changes) if (change.on <= day) phase = change.to;
  return phase ?? facts.changes[0]?.to ?? facts.phase;
}
