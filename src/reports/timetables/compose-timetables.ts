import type { EntityManager } from 'typeorm';
import { addMonthsToYearMonth, lastDayOfMonth, type LocalDate, type YearMonth, yearMonthOf } from '../../calendar/local-date';
import { formatDate, formatLongDate } from '../../notifications/templates/format';
import { paperHead } from '../compose';
import type { TimelinePicture } from '../document/picture';
import { figure, list, paragraph, type ReportDocument, type ReportSection, section, table } from '../document/report-document';
import { monthName, type ReportFrame } from '../report-frame';
import { panelDays, type TimetabledProposal, timetabledProposals } from './timetable-facts';
import { titleWords } from '../document/words';

type Queryable = Pick<EntityManager, 'query'>;

const TYPE_NAMES = { PRELIMINARY: 'Preliminary Assessment', IMPACT: 'Impact Assessment' } as const;

/** A return month's Panel: the register's meeting that month, or the middle of the month for a picture. */
const returnDay = (month: YearMonth, panels: Map<YearMonth, LocalDate>): LocalDate => panels.get(month) ?? `${month}-15`;

function whereItStands(p: TimetabledProposal): string {
  const parts: string[] = [];
  if (p.onHold) parts.push(`On hold${p.onHoldReason ? `: ${p.onHoldReason}` : '.'}`);
  for (const a of p.openAssessments) {
    const expected = a.expectedCompletionOn ? ` (expected ${formatLongDate(a.expectedCompletionOn)})` : '';
    parts.push(`${TYPE_NAMES[a.type]} with the DCC${expected}${a.commentary ? `: ${a.commentary}` : '.'}`);
  }
  if (p.dependsOn.length) parts.push(`Depends on ${p.dependsOn.join(', ')}.`);
  return parts.length ? parts.map((s) => (/[.!?]$/.test(s) ? s : `${s}.`)).join(' ') : 'In Refinement; nothing outstanding with the DCC.';
}

function proposalSection(number: string, p: TimetabledProposal): ReportSection {
  const blocks = [
    paragraph(`What it is: ${p.summary ?? 'The register holds no summary.'}`),
    ...(p.proposer || p.proposerOrganisation ? [paragraph(`Proposer: ${[p.proposer, p.proposerOrganisation].filter(Boolean).join(', ')}.`)] : []),
    paragraph(`Where it stands: ${whereItStands(p)}`),
  ];
  if (p.workPackages.length === 0) {
    blocks.push({ kind: 'none', text: 'No package of work: none is set while it stands as above, and no month to return to the Panel.' });
  }
  for (const w of p.workPackages) {
    blocks.push(paragraph(p.workPackages.length > 1 ? `Package of work returning in ${monthName(w.returnToPanelMonth)}:` : 'Package of work:'));
    blocks.push(list(w.tasks, true));
    blocks.push(paragraph(`Returns to the Panel: ${monthName(w.returnToPanelMonth)}.${w.note ? ` ${w.note}` : ''}`));
  }
  blocks.push(paragraph(p.workingGroups.length
    ? `Working Group: ${p.workingGroups.map(formatLongDate).join('; ')}.`
    : 'Working Group: no meeting with it on the agenda is in the register yet.'));
  return section(number, `${p.reference}: ${titleWords(p.title)}`, blocks);
}

function timeline(frame: ReportFrame, proposals: readonly TimetabledProposal[], panels: Map<YearMonth, LocalDate>): TimelinePicture {
  const months = proposals.flatMap((p) => p.workPackages.map((w) => w.returnToPanelMonth));
  const last = [addMonthsToYearMonth(yearMonthOf(frame.asOf), 1), ...months].sort().at(-1)!;
  return {
    kind: 'timeline',
    from: frame.asOf,
    to: lastDayOfMonth(last),
    rows: proposals.map((p) => {
      const returns = p.workPackages.map((w) => returnDay(w.returnToPanelMonth, panels));
      return {
        key: p.reference,
        label: p.reference,
        span: returns.length ? { from: frame.asOf, to: returns.sort().at(-1)! } : null,
        marks: [
          ...p.workingGroups.filter((d) => d <= lastDayOfMonth(last)).map((on) => ({ on, kind: 'working-group' as const })),
          ...returns.map((on) => ({ on, kind: 'panel' as const })),
        ],
      };
    }),
  };
}

/**
 * The Modification Timetables paper for the month's Panel: every proposal in the Refinement
 * Process on the paper's day, what it is and where it stands, its package of work with its tasks,
 * the Working Group meeting it goes to and the month it returns to the Panel; what the Panel is
 * asked to agree; and Appendix A, the timeline of every package.
 */
export async function composeTimetables(db: Queryable, frame: ReportFrame, onSection: (done: number, of: number, label: string) => Promise<void>): Promise<ReportDocument> {
  const proposals = await timetabledProposals(db, frame.asOf);
  const panels = await panelDays(db, [...new Set(proposals.flatMap((p) => p.workPackages.map((w) => w.returnToPanelMonth)))]);
  await onSection(1, 4, 'proposals read');
  const returns = (p: TimetabledProposal) => p.workPackages.map((w) => monthName(w.returnToPanelMonth)).join('; ') || '—';
  const firstWorkingGroup = (p: TimetabledProposal) => (p.workingGroups[0] ? formatDate(p.workingGroups[0]) : '—');
  const overview = section('1', 'Packages of work', [
    paragraph(`${proposals.length} Modification Proposals are in the Refinement Process on ${formatLongDate(frame.asOf)}. For each, SECAS sets out the package of work to be done next, the Working Group meeting it goes to, and the month its progress returns to the Panel.`),
    table(['Proposal', 'Title', 'Next Working Group', 'Returns to the Panel'],
      proposals.map((p) => [p.reference, titleWords(p.title), firstWorkingGroup(p), returns(p)]),
      'No proposal is in the Refinement Process.'),
  ]);
  const packages = section('2', 'Proposals in the Refinement Process', [], proposals.map((p, i) => proposalSection(`2.${i + 1}`, p)));
  await onSection(2, 4, 'packages written');
  const agreed = proposals.filter((p) => p.workPackages.length > 0);
  const recommendations = section('3', 'Recommendations', [
    paragraph(frame.paper.recommendation),
    list(agreed.map((p) => `AGREE the package of work for ${p.reference}, returning to the Panel in ${returns(p)}`)),
  ]);
  await onSection(3, 4, 'recommendations written');
  const picture = timeline(frame, proposals, panels);
  const appendix = section('Appendix A:', 'SEC Modification Timetables', [
    figure(
      `Packages of work from ${formatLongDate(frame.asOf)}: each bar runs to the Panel meeting the package returns to`,
      `Timeline of ${proposals.length} proposals in Refinement: ${proposals.map((p) => `${p.reference} ${p.workPackages.length ? `returns ${returns(p)}` : 'no package'}`).join('; ')}.`,
      picture,
    ),
    table(['Proposal', 'Working Group meetings', 'Returns to the Panel'],
      proposals.map((p) => [p.reference, p.workingGroups.map(formatDate).join('; ') || '—', returns(p)]),
      'No proposal is in the Refinement Process.'),
  ]);
  await onSection(4, 4, 'Appendix A drawn');
  return { ...paperHead(frame, `SEC Modification Timetables: ${frame.periodLabel}`, `MT-${frame.period}-v${frame.version}`), sections: [overview, packages, recommendations, appendix] };
}
