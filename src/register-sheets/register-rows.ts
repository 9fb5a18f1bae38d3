import type { DataSource } from 'typeorm';
import { assessmentExistsOn, assessmentFactsAsOf } from '../assessments/assessment-facts.sql';
import type { LocalDate } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { ASSESSMENT_ABBREVIATION, formatDate } from '../notifications/templates/format';
import { targetCompletionOn } from '../sla/sla-calculator';
import { ASSESSMENT_COLUMNS, type CellValue, type Column, PROPOSAL_COLUMNS } from './sheet-columns';

/** The register's proposals and assessments as the rows of the two sheets, in the columns' order. */
export interface RegisterRows {
  asOf: LocalDate;
  proposals: CellValue[][];
  assessments: CellValue[][];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw SQL rows, read by column name below
type Row = Record<string, any>;

const cell = (column: Column, value: unknown): CellValue => {
  if (value === null || value === undefined || value === '') return null;
  switch (column.kind) {
    case 'date':
      return { date: String(value) };
    case 'yesNo':
      return value ? 'Yes' : 'No';
    case 'references':
      return (value as string[]).length ? (value as string[]).join('; ') : null;
    case 'count':
    case 'pounds':
      return Number(value);
    default:
      return String(value);
  }
};

/** Reads every proposal and assessment, in reference order, as the sheets show them on `asOf`. */
export async function registerRows(db: DataSource, calendar: WorkingCalendar, asOf: LocalDate): Promise<RegisterRows> {
  const [proposals, assessments]: [Row[], Row[]] = await Promise.all([
    db.query(
      `SELECT o.reference, m.title, o.kind, o.phase, m.path, m.proposer, m.proposer_organisation AS "proposerOrganisation",
              m.raised_on::text AS "raisedOn", r.name AS "targetRelease", m.on_hold AS "onHold", m.on_hold_reason AS "onHoldReason",
              coalesce((SELECT array_agg(dep.reference ORDER BY dep.reference) FROM modification_dependency d
                          JOIN modification dep ON dep.id = d.depends_on_id WHERE d.modification_id = m.id), '{}') AS "dependsOn",
              m.summary, m.note
         FROM modification m JOIN modifications_on($1) o ON o.id = m.id LEFT JOIN release r ON r.id = m.target_release_id
        ORDER BY o.reference`,
      [asOf],
    ),
    db.query(
      `SELECT ${assessmentFactsAsOf('$1::date')}, m.reference AS modification, a.requested_on::text AS "requestedOn", a.cost_gbp AS "costGbp", a.note
         FROM assessment a JOIN modifications_on($1) m ON m.id = a.modification_id
        WHERE ${assessmentExistsOn('$1::date')}
        ORDER BY m.reference, a.type, a.accepted_on NULLS LAST, a.change_request NULLS LAST`,
      [asOf],
    ),
  ]);

  const targetOf = (a: Row) => targetCompletionOn(a as Parameters<typeof targetCompletionOn>[0], calendar);
  const openByProposal = new Map<string, string[]>();
  for (const a of assessments) {
    if (a.returnedOn) continue;
    const target = targetOf(a);
    const words = [ASSESSMENT_ABBREVIATION[a.type as 'PRELIMINARY' | 'IMPACT'], a.changeRequest, target ? `target ${formatDate(target)}` : 'target not yet known']
      .filter(Boolean).join(' ');
    openByProposal.set(a.modification, [...(openByProposal.get(a.modification) ?? []), words]);
  }

  return {
    asOf,
    proposals: proposals.map((p) =>
      PROPOSAL_COLUMNS.map((c) => (c.field ? cell(c, p[c.field]) : cell(c, (openByProposal.get(p.reference) ?? []).join('; ')))),
    ),
    assessments: assessments.map((a) => ASSESSMENT_COLUMNS.map((c) => (c.field ? cell(c, a[c.field]) : cell(c, targetOf(a))))),
  };
}
