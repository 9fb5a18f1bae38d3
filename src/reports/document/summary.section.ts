import { formatDate } from '../../notifications/templates/format';
import type { DecisionFacts, ProposalRef } from '../report-facts';
import type { ReportFrame } from '../report-frame';
import { figure, paragraph, type ReportSection, section, table } from './report-document';
import { BODY_NAMES, decisionWords, PHASE_NAMES, titleWords } from './words';

export interface SummaryFacts {
  phases: ReadonlyArray<{ phase: string; count: number }>;
  /** What goes to this month's Panel: its agenda. */
  panelAgenda: readonly ProposalRef[];
  /** The previous month's decisions. */
  decisions: readonly DecisionFacts[];
}

const PHASE_ORDER = Object.keys(PHASE_NAMES);

/** 1 Summary: proposals per phase, what goes to this Panel, the previous month's decisions. */
export function summarySection(frame: ReportFrame, facts: SummaryFacts): ReportSection {
  const phases = [...facts.phases].sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase));
  const total = phases.reduce((n, p) => n + p.count, 0);
  return section('1', 'Summary', [paragraph(`The register holds ${total} proposals.`)], [
    section('1.1', 'Proposals by phase', [
      figure(
        `Proposals in each phase on ${formatDate(frame.asOf)}`,
        `Bar chart of the ${total} proposals by phase: ${phases.map((p) => `${PHASE_NAMES[p.phase] ?? p.phase} ${p.count}`).join(', ')}.`,
        { kind: 'bars', bars: phases.map((p) => ({ key: p.phase, label: PHASE_NAMES[p.phase] ?? p.phase, value: p.count })) },
      ),
      table(['Phase', 'Proposals'], phases.map((p) => [PHASE_NAMES[p.phase] ?? p.phase, String(p.count)]), 'No proposals.')]),
    section('1.2', 'Going to this Panel', [
      table(['Proposal', 'Title'], facts.panelAgenda.map((a) => [a.reference, titleWords(a.title)]), 'Nothing on the Panel agenda in the register.'),
    ]),
    section('1.3', `Decisions in ${frame.previousLabel}`, [
      table(['Proposal', 'Title', 'Decided by', 'On', 'Outcome'],
        facts.decisions.map((d) => [d.reference, titleWords(d.title), BODY_NAMES[d.body] ?? d.body, formatDate(d.on), decisionWords(d)]),
        `No decisions in ${frame.previousLabel}.`),
    ]),
  ]);
}
