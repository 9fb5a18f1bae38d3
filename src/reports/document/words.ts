/** How the report names the register's enums: as the Panel's papers do. */

/** IMPACT_ASSESSMENT_REQUEST_APPROVED -> Impact assessment request approved. */
export const outcomeWords = (outcome: string): string => outcome.charAt(0) + outcome.slice(1).toLowerCase().replace(/_/g, ' ');

export const BODY_NAMES: Record<string, string> = {
  PANEL: 'Panel', CHANGE_BOARD: 'Change Board', CHANGE_SUB_COMMITTEE: 'Change Sub-Committee', AUTHORITY: 'Authority',
  WORKING_GROUP: 'Working Group', TABASC: 'TABASC', SECURITY_SUB_COMMITTEE: 'Security Sub-Committee', OPERATIONS_GROUP: 'Operations Group',
};

export const PHASE_NAMES: Record<string, string> = {
  DEFINE: 'Define (Draft Proposals)', REFINE: 'Refine (Refinement Process)', OPINE: 'Opine (Report Phase)', DECIDE: 'Decide',
  APPROVED: 'Approved, awaiting release', IMPLEMENTED: 'Implemented', REJECTED: 'Rejected', WITHDRAWN: 'Withdrawn',
};

/** ['a', 'c', 'f'] -> (a), (c), (f) */
export const objectivesWords = (objectives: readonly string[]): string => objectives.map((o) => `(${o})`).join(', ') || '—';

/** A Float figure, printed whole as the Panel's papers do; a dash when there is none. */
export const wholeDays = (n: number | null): string => (n === null ? '—' : String(Math.round(n)));

/** A proposal's title, or what the register lacks in its place (a blank cell reads as a fault of the paper). */
export const titleWords = (title: string | null): string => title ?? 'Title not in the register';
