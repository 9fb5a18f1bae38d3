import type { LocalDate } from '../../calendar/local-date';
import { formatDate } from '../../notifications/templates/format';
import type { ConsultationFacts } from '../report-facts';
import { type Block, table } from './report-document';
import { titleWords } from './words';

function status(c: ConsultationFacts, asOf: LocalDate): string {
  if (c.opensOn > asOf) return 'Expected to open';
  if (c.closesOn === null || c.closesOn >= asOf) return 'Open';
  return 'Closed';
}

/** The consultations of one kind as the report lists them: 3 Refine and 4 Opine share it. */
export function consultationTable(list: readonly ConsultationFacts[], asOf: LocalDate, none: string): Block {
  return table(['Proposal', 'Title', 'Opens', 'Closes', `On ${formatDate(asOf)}`],
    list.map((c) => [c.reference, titleWords(c.title), formatDate(c.opensOn), formatDate(c.closesOn), status(c, asOf)]), none);
}
