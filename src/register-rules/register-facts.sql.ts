import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import type { DecisionFacts, RegisterSpan } from './rules';

type Queryable = Pick<EntityManager, 'query'>;

/** The register's first fact (null while it holds none), and today: the span the rules allow asking about. */
export async function registerSpan(db: Queryable, today: LocalDate): Promise<RegisterSpan> {
  const [{ first }] = await db.query(
    `SELECT least((SELECT min(raised_on) FROM modification), (SELECT min(changed_on) FROM phase_change),
                  (SELECT min(least(requested_on, accepted_on)) FROM assessment), (SELECT min(decided_on) FROM decision),
                  (SELECT min(meeting_on) FROM meeting), (SELECT min(opens_on) FROM consultation))::text AS first`,
  );
  return { first, today };
}

/**
 * A proposal as a decision on `on` is checked against: kind, path, raised date, and its phase as
 * that day began and as it ended, from its recorded history (null where the history is silent).
 */
export async function decisionFacts(db: Queryable, modificationId: string, body: string, on: LocalDate): Promise<DecisionFacts> {
  const [row] = await db.query(
    `SELECT m.reference, m.kind, m.path, m.raised_on::text AS "raisedOn",
            (SELECT pc.to_phase FROM phase_change pc WHERE pc.modification_id = m.id AND pc.changed_on < $2 ORDER BY pc.changed_on DESC, pc.recorded_at DESC LIMIT 1) AS "phaseBefore",
            (SELECT pc.to_phase FROM phase_change pc WHERE pc.modification_id = m.id AND pc.changed_on <= $2 ORDER BY pc.changed_on DESC, pc.recorded_at DESC LIMIT 1) AS "phaseAfter"
       FROM modification m WHERE m.id = $1`,
    [modificationId, on],
  );
  return { ...row, body, on };
}
