/**
 * Every proposal in REFINE at the end of a day ($1), with its work packages as they stood then,
 * as `isRefinementStalled` reads them: the digest and the report look for 'black holes' in the
 * same rows, through the register's one as-of rule (`modifications_on`).
 */
export const REFINING_PROPOSALS_SQL = `
  SELECT o.reference, m.title,
         coalesce((SELECT json_agg(json_build_object('returnToPanelMonth', w.return_to_panel_month,
                                                     'completedOn', CASE WHEN w.completed_on <= $1::date THEN w.completed_on::text END)
                                   ORDER BY w.return_to_panel_month)
                     FROM work_package w WHERE w.modification_id = m.id), '[]'::json) AS "workPackages"
    FROM modification m JOIN modifications_on($1::date) o ON o.id = m.id WHERE o.phase = 'REFINE' ORDER BY o.reference`;
