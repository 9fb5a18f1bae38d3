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

/**
 * The same facts as they stood at the end of a day (`day`, a SQL expression): an acceptance, a
 * return or a pause after it was no fact yet. For `FROM assessment a JOIN modifications_on(day) m`
 * (the register's as-of rule, which gives `m.reference`; `title` is selected apart).
 */
export const assessmentFactsAsOf = (day: string): string => `a.id, m.reference, a.type, a.change_request AS "changeRequest",
  CASE WHEN a.accepted_on <= ${day} THEN a.accepted_on::text END AS "acceptedOn",
  CASE WHEN a.returned_on <= ${day} THEN a.returned_on::text END AS "returnedOn", a.target_working_days AS "targetWorkingDays",
  a.expected_completion_on::text AS "expectedCompletionOn", a.commentary,
  coalesce((SELECT json_agg(json_build_object('from', p.from_on::text, 'to', CASE WHEN p.to_on <= ${day} THEN p.to_on::text END) ORDER BY p.from_on)
              FROM assessment_pause p WHERE p.assessment_id = a.id AND p.from_on <= ${day}), '[]'::json) AS pauses`;

/** An assessment counts from its request (or its acceptance, where the request date is lost). */
export const assessmentExistsOn = (day: string): string => `coalesce(a.requested_on, a.accepted_on, ${day}) <= ${day}`;
