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

/** A decision as the Panel's papers word it: "Approved under Self-Governance", "Sent to the Authority with a recommendation that it be approved". */
export function decisionWords(d: { body: string; outcome: string; path: string | null }): string {
  const selfGoverned = d.path === 'SELF_GOVERNANCE';
  switch (`${d.body} ${d.outcome}`) {
    case 'CHANGE_BOARD APPROVED':
      return selfGoverned ? 'Approved under Self-Governance' : 'Approved';
    case 'CHANGE_BOARD REJECTED':
      return selfGoverned ? 'Rejected under Self-Governance' : 'Rejected';
    case 'CHANGE_BOARD RECOMMENDED_APPROVAL':
      return 'Sent to the Authority with a recommendation that it be approved';
    case 'CHANGE_BOARD RECOMMENDED_REJECTION':
      return 'Sent to the Authority with a recommendation that it be rejected';
    case 'CHANGE_SUB_COMMITTEE RECOMMENDED_FAST_TRACK':
      return 'Determined ready to be presented to the Panel for conversion to a Modification Proposal, and recommended that it be progressed as a Fast-Track Modification';
    case 'AUTHORITY APPROVED':
      return 'Approved by the Authority';
    case 'AUTHORITY REJECTED':
      return 'Rejected by the Authority';
    default:
      return outcomeWords(d.outcome);
  }
}
