/**
 * The floor's hand-written SQL: the same rows as the benchmark's GraphQL queries, with the answer's
 * JSON built by PostgreSQL in one statement.
 */
const NODE = (p: string) => `json_build_object(
  'reference', ${p}.reference, 'title', ${p}.title, 'phase', ${p}.phase, 'kind', ${p}.kind, 'path', ${p}.path,
  'proposer', ${p}.proposer, 'raisedOn', ${p}.raised_on, 'onHold', ${p}.on_hold,
  'assessments', coalesce((SELECT json_agg(json_build_object('id', a.id, 'type', a.type, 'requestedOn', a.requested_on,
      'acceptedOn', a.accepted_on, 'returnedOn', a.returned_on, 'targetWorkingDays', a.target_working_days,
      'expectedCompletionOn', a.expected_completion_on) ORDER BY a.requested_on, a.accepted_on, a.returned_on, a.id)
    FROM assessment a WHERE a.modification_id = ${p}.id), '[]'),
  'consultations', coalesce((SELECT json_agg(json_build_object('id', c.id, 'kind', c.kind, 'opensOn', c.opens_on, 'closesOn', c.closes_on)
      ORDER BY c.opens_on, c.id)
    FROM consultation c WHERE c.modification_id = ${p}.id), '[]'),
  'meetings', coalesce((SELECT json_agg(json_build_object('id', mt.id, 'body', mt.body, 'date', mt.meeting_on, 'title', mt.title)
      ORDER BY mt.meeting_on, mt.body)
    FROM agenda_item ai JOIN meeting mt ON mt.id = ai.meeting_id WHERE ai.modification_id = ${p}.id), '[]'))`;

export const FLOOR_PAGE_SQL = `
SELECT json_build_object('data', json_build_object('modifications', json_build_object(
  'totalCount', (SELECT count(*) FROM modification),
  'edges', coalesce(json_agg(json_build_object('cursor', encode(convert_to(json_build_array(p.reference)::text, 'UTF8'), 'base64'), 'node', ${NODE('p')}) ORDER BY p.reference), '[]'),
  'pageInfo', json_build_object(
    'hasNextPage', EXISTS (SELECT 1 FROM modification n WHERE n.reference > max(p.reference)),
    'endCursor', encode(convert_to(json_build_array(max(p.reference))::text, 'UTF8'), 'base64')))))::text AS body
  FROM (SELECT * FROM modification ORDER BY reference LIMIT $1) p`;

export const FLOOR_ONE_SQL = `
SELECT json_build_object('data', json_build_object('modification', (SELECT ${NODE('p')} FROM modification p WHERE p.reference = $1)))::text AS body`;

/** The GraphQL documents the benchmark sends: the same fields as the SQL above. */
const FIELDS = `reference title phase kind path proposer raisedOn onHold
  assessments { id type requestedOn acceptedOn returnedOn targetWorkingDays expectedCompletionOn }
  consultations { id kind opensOn closesOn }
  meetings { id body date title }`;
export const PAGE_QUERY = `query Page($first: Int!) { modifications(first: $first) { totalCount edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
export const ONE_QUERY = `query One($reference: String!) { modification(reference: $reference) { ${FIELDS} } }`;
