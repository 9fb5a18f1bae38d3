import type { EntityManager } from 'typeorm';
import type { LocalDate, YearMonth } from '../../calendar/local-date';

type Queryable = Pick<EntityManager, 'query'>;

/** A proposal in the Refinement Process at the end of the paper's day, with what its timetable needs. */
export interface TimetabledProposal {
  reference: string;
  title: string | null;
  summary: string | null;
  proposer: string | null;
  proposerOrganisation: string | null;
  onHold: boolean;
  onHoldReason: string | null;
  dependsOn: string[];
  /** Packages of work not done by the paper's day, by the month they return to the Panel. */
  workPackages: Array<{ tasks: string[]; returnToPanelMonth: YearMonth; note: string | null }>;
  /** Working Group meetings after the paper's day with the proposal on their agenda, still on then. */
  workingGroups: LocalDate[];
  /** Its assessments not returned by the paper's day. */
  openAssessments: Array<{ type: 'PRELIMINARY' | 'IMPACT'; expectedCompletionOn: LocalDate | null; commentary: string | null }>;
}

/**
 * The register as the Modification Timetables paper reads it: every proposal in REFINE at the end
 * of `asOf` (the register's one as-of rule, `modifications_on`), in reference order.
 */
export async function timetabledProposals(db: Queryable, asOf: LocalDate): Promise<TimetabledProposal[]> {
  return db.query(
    `SELECT o.reference, m.title, m.summary, m.proposer, m.proposer_organisation AS "proposerOrganisation",
            m.on_hold AS "onHold", m.on_hold_reason AS "onHoldReason",
            coalesce((SELECT array_agg(d.reference ORDER BY d.reference) FROM modification_dependency md JOIN modification d ON d.id = md.depends_on_id
                       WHERE md.modification_id = m.id), '{}') AS "dependsOn",
            coalesce((SELECT json_agg(json_build_object('tasks', w.tasks, 'returnToPanelMonth', w.return_to_panel_month, 'note', w.note)
                                      ORDER BY w.return_to_panel_month)
                        FROM work_package w WHERE w.modification_id = m.id AND (w.completed_on IS NULL OR w.completed_on > $1)), '[]'::json) AS "workPackages",
            coalesce((SELECT json_agg(mt.meeting_on::text ORDER BY mt.meeting_on)
                        FROM meeting mt JOIN agenda_item ai ON ai.meeting_id = mt.id
                       WHERE ai.modification_id = m.id AND mt.body = 'WORKING_GROUP' AND mt.meeting_on > $1
                         AND (mt.cancelled_on IS NULL OR mt.cancelled_on > $1)), '[]'::json) AS "workingGroups",
            coalesce((SELECT json_agg(json_build_object('type', a.type, 'expectedCompletionOn', a.expected_completion_on::text, 'commentary', a.commentary)
                                      ORDER BY a.type DESC)
                        FROM assessment a WHERE a.modification_id = m.id AND (a.returned_on IS NULL OR a.returned_on > $1)
                         AND (a.requested_on IS NULL OR a.requested_on <= $1)), '[]'::json) AS "openAssessments"
       FROM modification m JOIN modifications_on($1) o ON o.id = m.id
      WHERE o.phase = 'REFINE' ORDER BY o.reference`,
    [asOf],
  );
}

/** The Panel meetings of the months packages return in, where the register has them. */
export async function panelDays(db: Queryable, months: readonly YearMonth[]): Promise<Map<YearMonth, LocalDate>> {
  const rows: Array<{ month: YearMonth; date: LocalDate }> = await db.query(
    `SELECT DISTINCT ON (to_char(meeting_on, 'YYYY-MM')) to_char(meeting_on, 'YYYY-MM') AS month, meeting_on::text AS date
       FROM meeting WHERE body = 'PANEL' AND cancelled_on IS NULL AND to_char(meeting_on, 'YYYY-MM') = ANY($1)
      ORDER BY to_char(meeting_on, 'YYYY-MM'), meeting_on`,
    [months],
  );
  return new Map(rows.map((r) => [r.month, r.date]));
}
