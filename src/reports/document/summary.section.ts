import type { LocalDate } from '../../calendar/local-date';
import { formatDate } from '../../notifications/templates/format';
import { paragraph, type ReportSection, table } from '../document/report-document';

/** IMPACT_ASSESSMENT_REQUEST_APPROVED -> Impact assessment request approved. */
const outcomeWords = (outcome: string) => outcome.charAt(0) + outcome.slice(1).toLowerCase().replace(/_/g, ' ');

export interface SummaryFacts {
  /** Proposals per phase, in the lifecycle's order. */
  phases: ReadonlyArray<{ phase: string; count: number }>;
  /** What goes to this month's Panel: its agenda. */
  panelAgenda: ReadonlyArray<{ reference: string; title: string | null }>;
  /** The previous month's decisions. */
  decisions: ReadonlyArray<{ reference: string; title: string | null; body: string; on: LocalDate; outcome: string }>;
}

const PHASE_NAMES: Record<string, string> = {
  DEFINE: 'Define (Draft Proposals)', REFINE: 'Refine (Refinement Process)', OPINE: 'Opine (Report Phase)', DECIDE: 'Decide',
  APPROVED: 'Approved, awaiting release', IMPLEMENTED: 'Implemented', REJECTED: 'Rejected', WITHDRAWN: 'Withdrawn',
};
const BODY_NAMES: Record<string, string> = { PANEL: 'Panel', CHANGE_BOARD: 'Change Board', CHANGE_SUB_COMMITTEE: 'Change Sub-Committee', AUTHORITY: 'Authority' };

/** 1 Summary: proposals per phase, what goes to this Panel, the previous month's decisions. */
export function summarySection(facts: SummaryFacts, previousMonth: string): ReportSection {
  const total = facts.phases.reduce((n, p) => n + p.count, 0);
  return {
    number: '1',
    title: 'Summary',
    blocks: [paragraph(`The register holds ${total} proposals.`)],
    subsections: [
      {
        number: '1.1', title: 'Proposals by phase', subsections: [],
        blocks: [table(['Phase', 'Proposals'], facts.phases.map((p) => [PHASE_NAMES[p.phase] ?? p.phase, String(p.count)]), 'No proposals.')],
      },
      {
        number: '1.2', title: 'Going to this Panel', subsections: [],
        blocks: [table(['Proposal', 'Title'], facts.panelAgenda.map((a) => [a.reference, a.title ?? '']), 'Nothing on the Panel agenda in the register.')],
      },
      {
        number: '1.3', title: `Decisions in ${previousMonth}`, subsections: [],
        blocks: [table(['Proposal', 'Title', 'Decided by', 'On', 'Outcome'],
          facts.decisions.map((d) => [d.reference, d.title ?? '', BODY_NAMES[d.body] ?? d.body, formatDate(d.on), outcomeWords(d.outcome)]), `No decisions in ${previousMonth}.`)],
      },
    ],
  };
}
