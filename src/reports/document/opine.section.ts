import { formatDate } from '../../notifications/templates/format';
import type { ProposalTimescales, TimescaleFigure } from '../../sla/report-figures';
import { type PrintedFigure, PrintedFigureKind } from '../paper/printed-figure';
import type { PrintedFigures } from './assessments.section';
import { comparedTimescale } from './printed-comparison';
import type { ConsultationFacts, DecisionFacts, MeetingFacts, ProposalRef } from '../report-facts';
import type { ReportFrame } from '../report-frame';
import { consultationTable } from './consultation-table';
import { type Cell, noted, paragraph, type ReportSection, section, table } from './report-document';
import { decisionWords, objectivesWords, titleWords } from './words';
import { objectiveFootnote } from './sec-objectives';

export interface OpineFacts {
  consultations: readonly ConsultationFacts[];
  /** The previous month's Change Board meetings, with what was on their agendas. */
  changeBoards: readonly MeetingFacts[];
  /** The previous month's decisions. */
  decisions: readonly DecisionFacts[];
  timescales: ProposalTimescales;
  printed: PrintedFigures;
  /** Proposals with the Authority for decision on the report's day. */
  withTheAuthority: readonly ProposalRef[];
}

/**
 * 4 Opine: Modification Report Consultations, the Change Board's votes and the Authority's
 * decisions of the previous month, and the proposal timescales.
 */
const proposalRow = (row: string, f: TimescaleFigure, printed: PrintedFigure | undefined): Cell[] =>
  [row, ...comparedTimescale({ row, things: 'proposals', dateNeeded: 'a raised date' }, f, printed)];

export function opineSection(frame: ReportFrame, facts: OpineFacts): ReportSection {
  // The SEC Objectives a decision cited, where the register has any.
  const cited = facts.decisions.some((d) => d.objectives.length > 0);
  // Each objective cited is footnoted with its words, once however many votes cite it.
  const decisionRow = (d: DecisionFacts): Cell[] => [d.reference, titleWords(d.title), formatDate(d.on), decisionWords(d),
    ...(cited ? [noted(objectivesWords(d.objectives), d.objectives.map(objectiveFootnote))] : [])];
  const header = ['Proposal', 'Title', 'On', 'Outcome', ...(cited ? ['SEC Objectives'] : [])];
  // Approving an Impact Assessment request is Refinement business (3.3), not a vote on a proposal.
  const votes = facts.decisions.filter((d) => d.body === 'CHANGE_BOARD' && d.outcome !== 'IMPACT_ASSESSMENT_REQUEST_APPROVED');
  const authority = facts.decisions.filter((d) => d.body === 'AUTHORITY');
  const meetings = facts.changeBoards.map((m) =>
    `The Change Board met on ${formatDate(m.date)}${m.agenda.length ? ` and considered ${m.agenda.map((a) => a.reference).join(', ')}` : ''}.`);
  const t = facts.timescales;
  return section('4', 'Opine', [], [
    section('4.1', 'Modification Report Consultations', [consultationTable(facts.consultations, frame.asOf, 'No Modification Report Consultation is open or expected.')]),
    section('4.2', 'Change Board votes', [
      ...meetings.map((m) => paragraph(m)),
      table(header, votes.map(decisionRow), `The Change Board voted on no proposal in ${frame.previousLabel}.`),
    ]),
    section('4.3', 'Authority decisions', [
      table(header, authority.map(decisionRow), `The Authority decided no proposal in ${frame.previousLabel}.`),
      ...authority.filter((d) => d.outcome === 'APPROVED' && d.release).map((d) => paragraph(`${d.reference} will now be implemented in the ${d.release}.`)),
      ...facts.withTheAuthority.map((p) => paragraph(`${p.reference} (${titleWords(p.title)}) is currently with the Authority for decision.`)),
    ]),
    section('4.4', 'Proposal timescales', [
      paragraph(`The 12-month period up to the end of ${frame.previousLabel}, in Working Days from the day a proposal was raised. Every proposal is counted; an average is given only where the register holds the raised date of each one (a dash otherwise, with a note), and every figure that differs from the one the paper printed is noted.`),
      table(['Proposals', 'Total', 'Average Working Days'], [
        proposalRow('Proposals open (pre-decision)', t.open, facts.printed.get(PrintedFigureKind.PROPOSALS_OPEN)),
        proposalRow('Proposals concluded in the last 12 months', t.concluded, facts.printed.get(PrintedFigureKind.PROPOSALS_CONCLUDED)),
      ], 'No proposals.'),
    ]),
  ]);
}
