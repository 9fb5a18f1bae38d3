import { formatDate } from '../../notifications/templates/format';
import type { ProposalTimescales } from '../../sla/report-figures';
import type { ConsultationFacts, DecisionFacts, MeetingFacts } from '../report-facts';
import type { ReportFrame } from '../report-frame';
import { consultationTable } from './consultation-table';
import { paragraph, type ReportSection, section, table } from './report-document';
import { objectivesWords, outcomeWords, wholeDays, titleWords } from './words';

export interface OpineFacts {
  consultations: readonly ConsultationFacts[];
  /** The previous month's Change Board meetings, with what was on their agendas. */
  changeBoards: readonly MeetingFacts[];
  /** The previous month's decisions. */
  decisions: readonly DecisionFacts[];
  timescales: ProposalTimescales;
}

/**
 * 4 Opine: Modification Report Consultations, the Change Board's votes and the Authority's
 * decisions of the previous month, and the proposal timescales.
 */
export function opineSection(frame: ReportFrame, facts: OpineFacts): ReportSection {
  // The SEC Objectives a decision cited, where the register has any.
  const cited = facts.decisions.some((d) => d.objectives.length > 0);
  const decisionRow = (d: DecisionFacts) => [d.reference, titleWords(d.title), formatDate(d.on), outcomeWords(d.outcome), ...(cited ? [objectivesWords(d.objectives)] : [])];
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
      ...meetings.map(paragraph),
      table(header, votes.map(decisionRow), `The Change Board voted on no proposal in ${frame.previousLabel}.`),
    ]),
    section('4.3', 'Authority decisions', [table(header, authority.map(decisionRow), `The Authority decided no proposal in ${frame.previousLabel}.`)]),
    section('4.4', 'Proposal timescales', [
      paragraph(`The 12-month period up to the end of ${frame.previousLabel}, in Working Days from the day a proposal was raised; a proposal whose raised date the register lacks is counted but not in the average.`),
      table(['Proposals', 'Total', 'Average Working Days'], [
        ['Proposals open (pre-decision)', String(t.open.count), wholeDays(t.open.averageWorkingDays)],
        ['Proposals concluded in the last 12 months', String(t.concluded.count), wholeDays(t.concluded.averageWorkingDays)],
      ], 'No proposals.'),
    ]),
  ]);
}
