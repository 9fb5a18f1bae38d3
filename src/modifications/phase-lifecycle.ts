import { InvalidTransitionError } from '../common/errors';
import { ModificationPhase as P } from './modification.enums';

/**
 * Every move between phases that the SEC process allows, in one table.
 * REJECTED and WITHDRAWN end a live proposal at any phase; the outcomes are final but for
 * APPROVED, which moves on to IMPLEMENTED once its release is delivered.
 */
const ENDINGS = [P.REJECTED, P.WITHDRAWN] as const;

export const PHASE_TRANSITIONS: Readonly<Record<P, readonly P[]>> = {
  // A Fast-Track proposal goes from the Panel's conversion straight to its decision.
  [P.DEFINE]: [P.REFINE, P.DECIDE, ...ENDINGS],
  [P.REFINE]: [P.OPINE, ...ENDINGS],
  // The Panel or the Change Board can send a proposal back for more Refinement.
  [P.OPINE]: [P.DECIDE, P.REFINE, ...ENDINGS],
  // The Authority can send a report back; the Change Board can decide either way.
  [P.DECIDE]: [P.APPROVED, P.REFINE, P.OPINE, ...ENDINGS],
  [P.APPROVED]: [P.IMPLEMENTED],
  [P.IMPLEMENTED]: [],
  [P.REJECTED]: [],
  [P.WITHDRAWN]: [],
};

export const LIVE_PHASES: readonly P[] = [P.DEFINE, P.REFINE, P.OPINE, P.DECIDE];

export function canMove(from: P, to: P): boolean {
  return PHASE_TRANSITIONS[from].includes(to);
}

export function assertCanMove(reference: string, from: P, to: P): void {
  if (canMove(from, to)) return;
  const allowed = PHASE_TRANSITIONS[from];
  throw new InvalidTransitionError(
    `${reference} cannot move from ${from} to ${to}: ` +
      (allowed.length === 0 ? `${from} is final` : `from ${from} it may move to ${allowed.join(', ')}`),
    { reference, from, to },
  );
}
