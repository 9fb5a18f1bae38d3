import { lastDayOfMonth } from '../../calendar/local-date';
import { AGENDA_DEADLINE_WORKING_DAYS, PAPERS_DEADLINE_WORKING_DAYS } from '../../meetings/meeting.enums';
import { formatDate } from '../../notifications/templates/format';
import { isRefinementStalled, isWorkPackageOverdue } from '../../work-packages/refinement-stall';
import type { ConsultationFacts, DecisionFacts, MeetingFacts, RefiningProposalFacts, ReportAssessment } from '../report-facts';
import type { ReportFrame } from '../report-frame';
import { assessmentSections, type PrintedFigures } from './assessments.section';
import { consultationTable } from './consultation-table';
import { paragraph, type ReportSection, section, table } from './report-document';
import { BODY_NAMES, titleWords } from './words';

export interface RefineFacts {
  workingGroup: { held: MeetingFacts | null; next: MeetingFacts | null };
  consultations: readonly ConsultationFacts[];
  /** The previous month's decisions: the Impact Assessment requests approved are among them. */
  decisions: readonly DecisionFacts[];
  assessments: readonly ReportAssessment[];
  refining: readonly RefiningProposalFacts[];
  printed: PrintedFigures;
}

const IA_REQUEST_APPROVED = 'IMPACT_ASSESSMENT_REQUEST_APPROVED';

/** Why a proposal in REFINE is a 'black hole', in the Panel's words; null when it is not. */
function stallReason(p: RefiningProposalFacts, frame: ReportFrame): string | null {
  if (!isRefinementStalled(p.workPackages, frame.asOf)) return null;
  const overdue = p.workPackages.filter((wp) => isWorkPackageOverdue(wp, frame.asOf));
  return overdue.length
    ? `Work package due back to the Panel in ${overdue.map((wp) => wp.returnToPanelMonth).join(', ')}; not reported`
    : 'No open work package';
}

/**
 * 3 Refine: the Working Group (last meeting held, the next with its agenda and papers
 * deadlines), Refinement Consultations, Impact Assessment requests, the DCC assessments, and
 * the proposals in Refinement with no open work package or one past its return month.
 */
export function refineSection(frame: ReportFrame, facts: RefineFacts): ReportSection {
  const { calendar, asOf } = frame;
  const wgRow = (label: string, m: MeetingFacts) => [
    label, formatDate(m.date),
    formatDate(calendar.addWorkingDays(m.date, -AGENDA_DEADLINE_WORKING_DAYS)),
    formatDate(calendar.addWorkingDays(m.date, -PAPERS_DEADLINE_WORKING_DAYS)),
    m.agenda.map((a) => a.reference).join(', ') || (m.date > asOf ? 'Agenda not yet announced' : 'Agenda not recorded'),
  ];
  const wg = [facts.workingGroup.held && wgRow('Last held', facts.workingGroup.held), facts.workingGroup.next && wgRow('Next', facts.workingGroup.next)]
    .filter((r): r is string[] => r !== null);
  const iaRequests = facts.decisions.filter((d) => d.outcome === IA_REQUEST_APPROVED);
  const stalled = facts.refining.flatMap((p) => {
    const why = stallReason(p, frame);
    return why ? [[p.reference, titleWords(p.title), why]] : [];
  });
  return section('3', 'Refine', [], [
    section('3.1', 'Working Group', [
      paragraph(`The Working Group meets on the first Wednesday of each month that is a Working Day. Its agenda is confirmed ${AGENDA_DEADLINE_WORKING_DAYS} Working Days before a meeting and its papers are published ${PAPERS_DEADLINE_WORKING_DAYS} Working Days before.`),
      table(['Meeting', 'Date', 'Agenda confirmed by', 'Papers published by', 'Proposals'], wg, 'No Working Group meeting is in the register.'),
    ]),
    section('3.2', 'Refinement Consultations', [consultationTable(facts.consultations, asOf, 'No Refinement Consultation is open or expected.')]),
    section('3.3', 'Impact Assessment requests', [
      table(['Proposal', 'Title', 'Approved by', 'On'], iaRequests.map((d) => [d.reference, titleWords(d.title), BODY_NAMES[d.body] ?? d.body, formatDate(d.on)]),
        `No Impact Assessment request was approved in ${frame.previousLabel}.`),
    ]),
    ...assessmentSections(frame, facts.assessments, lastDayOfMonth(frame.previous), facts.printed),
    section('3.7', 'Proposals in Refinement without a current work package', [
      paragraph("So that no proposal disappears into a 'black hole', every proposal in Refinement should have an open work package with a month to report back to the Panel."),
      table(['Proposal', 'Title', 'Why it is listed'], stalled, 'Every proposal in Refinement has a current work package.'),
    ]),
  ]);
}
