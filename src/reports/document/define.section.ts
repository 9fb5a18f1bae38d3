import { firstDayOfMonth } from '../../calendar/local-date';
import { formatDate, formatLongDate } from '../../notifications/templates/format';
import type { DecisionFacts, DraftProposalFacts, MeetingFacts } from '../report-facts';
import type { ReportFrame } from '../report-frame';
import { list, paragraph, type ReportSection, section, table } from './report-document';
import { decisionWords, titleWords } from './words';

/**
 * 2 Define: the Draft Proposals raised since the previous month began (what the last paper could
 * not yet show), every proposal still in Define, and what the Change Sub-Committee did with them.
 */
export function defineSection(
  frame: ReportFrame, raised: readonly DraftProposalFacts[], inDefine: readonly DraftProposalFacts[], subCommittee: readonly MeetingFacts[],
  determinations: readonly DecisionFacts[],
): ReportSection {
  const since = formatLongDate(firstDayOfMonth(frame.previous));
  const row = (d: DraftProposalFacts) => [d.reference, titleWords(d.title), proposerWords(d), formatDate(d.raisedOn)];
  const header = ['Proposal', 'Title', 'Proposer', 'Raised'];
  const backgrounds = raised.filter((d) => d.summary).map((d) => `${d.reference}: ${d.summary}`);
  return section('2', 'Define', [], [
    section('2.1', `New Draft Proposals since ${since}`, [
      table(header, raised.map(row), `No Draft Proposal was raised since ${since}.`),
      ...(backgrounds.length ? [paragraph('Their background, as the Proposers put it:'), list(backgrounds)] : []),
    ]),
    section('2.2', 'Proposals in Define', [table(header, inDefine.map(row), 'No proposal is in Define.')]),
    section('2.3', 'Change Sub-Committee', [
      table(['Meeting', 'Proposals considered'],
        subCommittee.map((m) => [formatDate(m.date), m.agenda.map((a) => `${a.reference}${a.title ? ` ${a.title}` : ''}`).join('; ') || 'Agenda not recorded']),
        `The Change Sub-Committee did not meet since ${since}.`),
      ...determinations.map((d) => paragraph(`On ${formatDate(d.on)} the Change Sub-Committee considered ${d.reference}: ${lowerFirst(decisionWords(d))}.`)),
    ]),
  ]);
}

/** "David Walsh (DCC)", or what the register has of them. */
const proposerWords = (d: DraftProposalFacts): string =>
  d.proposer && d.proposerOrganisation ? `${d.proposer} (${d.proposerOrganisation})` : d.proposer ?? d.proposerOrganisation ?? '—';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
