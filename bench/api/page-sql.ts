import { assessmentFacts } from '../../src/graphql/compiled-reads/computed-fields';
import { idOfReferenceSql } from '../../src/modifications/reference-lookup.sql';
import { SLA_STATUS_READ_CTES } from '../../src/sla/sla-status.sql';

/**
 * The floor's hand-written SQL: the same rows as the benchmark's GraphQL queries, with the answer's
 * JSON built by PostgreSQL in one statement. Computed fields are computed in it too, as a compiled
 * engine computes them: the SLA status by the SQL twin of slaOn (src/sla/sla-status.sql.ts, which
 * a test holds equal to the calculator), the target day on the calendar_day table.
 */

/**
 * The Working Day on which assessment `a`'s clock reaches its target, as sla-calculator's
 * targetCompletionOn: null before acceptance or while a pause is open (`j`, its row of the status
 * twin, says: any_open is null when it has no pause at all); with no pause, the calendar row `td`
 * joined on Working Day number (TARGET_JOIN); else the target-th running Working Day after acceptance.
 */
const TARGET_DAY = (a: string, j: string, td: string) => `CASE
  WHEN ${a}.accepted_on IS NULL OR ${j}.any_open THEN NULL
  WHEN ${a}.target_working_days = 0 THEN ${a}.accepted_on
  WHEN ${j}.any_open IS NULL THEN ${td}.day
  ELSE (SELECT d.day FROM calendar_day d WHERE d.day > ${a}.accepted_on AND d.is_working
          AND NOT EXISTS (SELECT 1 FROM assessment_pause sp WHERE sp.assessment_id = ${a}.id AND d.day >= sp.from_on AND d.day < sp.to_on)
        ORDER BY d.day OFFSET ${a}.target_working_days - 1 LIMIT 1)
END`;
const TARGET_JOIN = (a: string, j: string, td: string) =>
  `LEFT JOIN LATERAL (SELECT day FROM calendar_day WHERE is_working AND wd_number = ${j}.acc_wd + ${a}.target_working_days OFFSET 0) ${td} ON true`;

/** An assessment's SLA position from the twin's `judged` row j: counts are null until the clock has started. */
const SLA = (j: string) => `json_build_object('status', ${j}.status,
  'elapsedWorkingDays', CASE WHEN ${j}.status = 'AWAITING_ACCEPTANCE' THEN NULL ELSE ${j}.elapsed END,
  'remainingWorkingDays', CASE WHEN ${j}.status = 'AWAITING_ACCEPTANCE' THEN NULL ELSE ${j}.tgt - ${j}.elapsed END)`;

/** An assessment's columns; with `judged`, its target day and its SLA position from that judged row. */
const ASSESSMENT = (a: string, judged?: string | 'facts') => `json_build_object('id', ${a}.id, 'type', ${a}.type, 'requestedOn', ${a}.requested_on,
      'acceptedOn', ${a}.accepted_on, 'returnedOn', ${a}.returned_on, 'targetWorkingDays', ${a}.target_working_days,
      'expectedCompletionOn', ${a}.expected_completion_on${judged === 'facts' ? `, 'facts', ${assessmentFacts(a)}` : judged ? `, 'targetCompletionOn', ${TARGET_DAY(a, judged, 'td')}, 'sla', ${SLA(judged)}` : ''})`;
const ASSESSMENT_ORDER = (a: string) => `${a}.requested_on, ${a}.accepted_on, ${a}.returned_on, ${a}.id`;

const NODE = (p: string, computed = false, facts = false) => `json_build_object(
  'reference', ${p}.reference, 'title', ${p}.title, 'phase', ${p}.phase, 'kind', ${p}.kind, 'path', ${p}.path,
  'proposer', ${p}.proposer, 'raisedOn', ${p}.raised_on, 'onHold', ${p}.on_hold,
  'assessments', ${computed ? `coalesce(assessed.list, '[]')` : `coalesce((SELECT json_agg(${ASSESSMENT('a', facts ? 'facts' : undefined)} ORDER BY ${ASSESSMENT_ORDER('a')})
    FROM assessment a WHERE a.modification_id = ${p}.id), '[]')`},
  'consultations', coalesce((SELECT json_agg(json_build_object('id', c.id, 'kind', c.kind, 'opensOn', c.opens_on, 'closesOn', c.closes_on)
      ORDER BY c.opens_on, c.id)
    FROM consultation c WHERE c.modification_id = ${p}.id), '[]'),
  'meetings', coalesce((SELECT json_agg(json_build_object('id', mt.id, 'body', mt.body, 'date', mt.meeting_on, 'title', mt.title)
      ORDER BY mt.meeting_on, mt.body)
    FROM agenda_item ai JOIN meeting mt ON mt.id = ai.meeting_id WHERE ai.modification_id = ${p}.id), '[]'))`;

/**
 * A page of proposals; with `computed`, each assessment's target day and SLA position on $2 (threshold
 * $3); with `facts`, each assessment's clock facts instead, for Node to work them out (floor-facts-server).
 */
const pageSql = (computed: boolean, facts = false) => `
${computed ? `WITH page AS (SELECT * FROM modification ORDER BY reference LIMIT $1),
     -- Each page row's assessments by index (OFFSET 0: not hashed from all 50,000, as the planner would).
     cand AS (SELECT a.* FROM page, LATERAL (SELECT * FROM assessment WHERE modification_id = page.id OFFSET 0) a),
     ${SLA_STATUS_READ_CTES.replaceAll('$1::', '$2::').replaceAll('$2::int', '$3::int')},
     -- Each proposal's assessments with their judgement, made once (hash joins) rather than looked up row by row.
     assessed AS (
       SELECT a.modification_id, json_agg(${ASSESSMENT('a', 'j')} ORDER BY ${ASSESSMENT_ORDER('a')}) AS list
         FROM cand a JOIN judged j ON j.id = a.id ${TARGET_JOIN('a', 'j', 'td')}
        GROUP BY a.modification_id)` : ''}
SELECT json_build_object('data', json_build_object('modifications', json_build_object(
  'totalCount', (SELECT count(*) FROM modification),
  'edges', coalesce(json_agg(json_build_object('cursor', encode(convert_to(json_build_array(p.reference)::text, 'UTF8'), 'base64'), 'node', ${NODE('p', computed, facts)}) ORDER BY p.reference), '[]'),
  'pageInfo', json_build_object(
    'hasNextPage', EXISTS (SELECT 1 FROM modification n WHERE n.reference > max(p.reference)),
    'endCursor', encode(convert_to(json_build_array(max(p.reference))::text, 'UTF8'), 'base64')))))::text AS body
  FROM ${computed ? 'page p LEFT JOIN assessed ON assessed.modification_id = p.id' : '(SELECT * FROM modification ORDER BY reference LIMIT $1) p'}`;

export const FLOOR_PAGE_SQL = pageSql(false);
export const FLOOR_COMPUTED_PAGE_SQL = pageSql(true);
export const FLOOR_FACTS_PAGE_SQL = pageSql(false, true);

/**
 * The SLA board: the first $3 assessments OVERDUE or DUE_SOON on $1 (threshold $2), oldest request
 * first, with the total; only running clocks can be either, so only they are judged.
 */
export const FLOOR_BOARD_SQL = `
WITH cand AS (SELECT a.id, a.accepted_on, a.returned_on, a.target_working_days FROM assessment a WHERE a.accepted_on <= $1::date AND (a.returned_on IS NULL OR a.returned_on > $1::date)),
${SLA_STATUS_READ_CTES},
matching AS (SELECT j.* FROM judged j WHERE j.status IN ('OVERDUE', 'DUE_SOON')),
page AS (
  SELECT a.*, m.status, m.elapsed, m.tgt, m.acc_wd, m.any_open, coalesce(a.requested_on, a.accepted_on, a.returned_on, 'infinity'::date) AS order_day
    FROM matching m JOIN assessment a ON a.id = m.id
   ORDER BY order_day, a.id LIMIT $3)
SELECT json_build_object('data', json_build_object('assessments', json_build_object(
  'totalCount', (SELECT count(*) FROM matching),
  'edges', coalesce(json_agg(json_build_object('node', json_build_object('id', a.id, 'type', a.type, 'acceptedOn', a.accepted_on,
      'targetCompletionOn', ${TARGET_DAY('a', 'a', 'td')},
      'sla', json_build_object('status', a.status, 'remainingWorkingDays', a.tgt - a.elapsed),
      'modification', (SELECT json_build_object('reference', p.reference, 'title', p.title) FROM modification p WHERE p.id = a.modification_id)))
    ORDER BY a.order_day, a.id), '[]'))))::text AS body
  FROM page a ${TARGET_JOIN('a', 'a', 'td')}`;

/**
 * One proposal by reference as the contract finds it: in any case, or by a former reference (a
 * converted DP's). A floor that matched the exact text only would answer null where the API must not.
 */
export const FLOOR_ONE_SQL = `
SELECT json_build_object('data', json_build_object('modification', (SELECT ${NODE('p')} FROM modification p WHERE p.id = ${idOfReferenceSql('$1')})))::text AS body`;

/** The GraphQL documents the benchmark sends: the same fields as the SQL above. */
const FIELDS = `reference title phase kind path proposer raisedOn onHold
  assessments { id type requestedOn acceptedOn returnedOn targetWorkingDays expectedCompletionOn }
  consultations { id kind opensOn closesOn }
  meetings { id body date title }`;
export const PAGE_QUERY = `query Page($first: Int!) { modifications(first: $first) { totalCount edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
export const COMPUTED_PAGE_QUERY = `query ComputedPage($first: Int!, $asOf: LocalDate!) { modifications(first: $first) { totalCount edges { cursor node {
  ${FIELDS.replace('expectedCompletionOn }', 'expectedCompletionOn targetCompletionOn sla(asOf: $asOf) { status elapsedWorkingDays remainingWorkingDays } }')} } } pageInfo { hasNextPage endCursor } } }`;
export const BOARD_QUERY = `query Board($first: Int!, $asOf: LocalDate!) { assessments(first: $first, filter: { statuses: [OVERDUE, DUE_SOON], asOf: $asOf }) { totalCount
  edges { node { id type acceptedOn targetCompletionOn sla(asOf: $asOf) { status remainingWorkingDays } modification { reference title } } } } }`;
export const ONE_QUERY = `query One($reference: String!) { modification(reference: $reference) { ${FIELDS} } }`;
