import { formatDate } from '../../notifications/templates/format';
import type { ReleaseFacts } from '../report-facts';
import { paragraph, type ReportSection, section, table } from './report-document';

const KIND: Record<string, string> = { SCHEDULED: 'Scheduled', STANDALONE: 'Standalone' };

/** 5 Releases: each release, its proposals, and the day the Panel must have their Modification Reports. */
export function releasesSection(releases: readonly ReleaseFacts[]): ReportSection {
  return section('5', 'Releases', [
    paragraph("A proposal makes a release only if the Panel has its Modification Report by the release's cut-off."),
    table(['Release', 'Kind', 'Release date', 'Modification Report cut-off', 'Proposals'],
      releases.map((r) => [r.name, KIND[r.kind] ?? r.kind, formatDate(r.releaseOn), formatDate(r.modificationReportDeadline), r.proposals.join(', ') || '—']),
      'No release is in the register.'),
  ]);
}
