/**
 * The columns of an assessment's facts as the pure SLA code reads them (camelCase, dates as
 * text, its pauses as a JSON array), for `FROM assessment a JOIN modification m`: the digest and
 * the report select the same facts the same way.
 */
export const ASSESSMENT_FACT_COLUMNS = `a.id, m.reference, m.title, a.type, a.change_request AS "changeRequest",
  a.accepted_on::text AS "acceptedOn", a.returned_on::text AS "returnedOn", a.target_working_days AS "targetWorkingDays",
  a.expected_completion_on::text AS "expectedCompletionOn", a.commentary,
  coalesce((SELECT json_agg(json_build_object('from', p.from_on::text, 'to', p.to_on::text) ORDER BY p.from_on)
              FROM assessment_pause p WHERE p.assessment_id = a.id), '[]'::json) AS pauses`;
