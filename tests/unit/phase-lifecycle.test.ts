import { InvalidTransitionError } from '../../src/common/errors';
import { ModificationPhase as P } from '../../src/modifications/modification.enums';
import { assertCanMove, canMove, PHASE_TRANSITIONS } from '../../src/modifications/phase-lifecycle';

test('a proposal moves forward through the live phases', () => {
  expect(canMove(P.DEFINE, P.REFINE)).toBe(true);
  expect(canMove(P.REFINE, P.OPINE)).toBe(true);
  expect(canMove(P.OPINE, P.DECIDE)).toBe(true);
  expect(canMove(P.DECIDE, P.APPROVED)).toBe(true);
  expect(canMove(P.APPROVED, P.IMPLEMENTED)).toBe(true);
});

test('REJECTED and WITHDRAWN end any live phase, and the outcomes are final', () => {
  for (const live of [P.DEFINE, P.REFINE, P.OPINE, P.DECIDE]) {
    expect(canMove(live, P.REJECTED)).toBe(true);
    expect(canMove(live, P.WITHDRAWN)).toBe(true);
  }
  for (const final of [P.IMPLEMENTED, P.REJECTED, P.WITHDRAWN]) expect(PHASE_TRANSITIONS[final]).toEqual([]);
});

test('a forbidden move is refused with a message naming what is allowed', () => {
  expect(() => assertCanMove('MP107', P.IMPLEMENTED, P.DEFINE)).toThrow(InvalidTransitionError);
  expect(() => assertCanMove('MP107', P.IMPLEMENTED, P.DEFINE)).toThrow('MP107 cannot move from IMPLEMENTED to DEFINE: IMPLEMENTED is final');
  expect(() => assertCanMove('DP156', P.DEFINE, P.APPROVED)).toThrow('from DEFINE it may move to REFINE, DECIDE, REJECTED, WITHDRAWN');
});

test('no phase lists a move to itself', () => {
  for (const [from, tos] of Object.entries(PHASE_TRANSITIONS)) expect(tos).not.toContain(from);
});
