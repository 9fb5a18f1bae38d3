/**
 * Every proposal in REFINE with its work packages, as `isRefinementStalled` reads them: the
 * digest and the report look for 'black holes' in the same rows.
 */
export const REFINING_PROPOSALS_SQL = `
  SELECT m.reference, m.title,
         coalesce((SELECT json_agg(json_build_object('returnToPanelMonth', w.return_to_panel_month, 'completedOn', w.completed_on::text)
                                   ORDER BY w.return_to_panel_month)
                     FROM work_package w WHERE w.modification_id = m.id), '[]'::json) AS "workPackages"
    FROM modification m WHERE m.phase = 'REFINE' ORDER BY m.reference`;
