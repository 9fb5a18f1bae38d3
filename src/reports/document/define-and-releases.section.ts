import type { LocalDate } from '../../calendar/local-date';
import { formatDate } from '../../notifications/templates/format';
import { paragraph, type ReportSection, table } from './report-document';

export interface DraftProposalFacts {
  reference: string;
  title: string | null;
  proposerOrganisation: string | null;
  raisedOn: LocalDate | null;
}

export interface ReleaseFacts {
  name: string;
  kind: string;
  releaseOn: LocalDate | null;
  modificationReportDeadline: LocalDate | null;
  proposals: readonly string[];
}

/** 2 Define: the Draft Proposals raised since the previous month began, and every proposal still in Define. */
export function defineSection(raised: readonly DraftProposalFacts[], inDefine: readonly DraftProposalFacts[], sinceLabel: string): ReportSection {
  const row = (d: DraftProposalFacts) => [d.reference, d.title ?? '', d.proposerOrganisation ?? '—', formatDate(d.raisedOn)];
  return {
    number: '2', title: 'Define', blocks: [],
    subsections: [
      { number: '2.1', title: `New Draft Proposals since ${sinceLabel}`, subsections: [], blocks: [table(['Proposal', 'Title', 'Proposer', 'Raised'], raised.map(row), `No Draft Proposal was raised since ${sinceLabel}.`)] },
      { number: '2.2', title: 'Proposals in Define', subsections: [], blocks: [table(['Proposal', 'Title', 'Proposer', 'Raised'], inDefine.map(row), 'No proposal is in Define.')] },
    ],
  };
}

const KIND: Record<string, string> = { SCHEDULED: 'Scheduled', STANDALONE: 'Standalone' };

/** 5 Releases: each release, its proposals, and the day the Panel must have their Modification Reports. */
export function releasesSection(releases: readonly ReleaseFacts[]): ReportSection {
  return {
    number: '5', title: 'Releases', subsections: [],
    blocks: [
      paragraph('A proposal makes a release only if the Panel has its Modification Report by the release\'s cut-off.'),
      table(['Release', 'Kind', 'Release date', 'Modification Report cut-off', 'Proposals'],
        releases.map((r) => [r.name, KIND[r.kind] ?? r.kind, formatDate(r.releaseOn), formatDate(r.modificationReportDeadline), r.proposals.join(', ') || '—']),
        'No release is in the register.'),
    ],
  };
}
