import type { DataSource } from 'typeorm';

/**
 * Many assessments in two statements (generate_series), with a spread of facts that gives every
 * status on 2021-04-09: awaiting acceptance, on track, due soon, overdue, paused, returned on
 * time and late. Enough of them make a full recompute last a few seconds: long enough to kill
 * or stop a worker in the middle of it.
 */
export async function seedAssessments(db: DataSource, count: number): Promise<void> {
  await db.query(
    `INSERT INTO modification (reference, title, kind, phase, raised_on)
     SELECT 'LOAD' || g, 'Load test ' || g, 'MODIFICATION_PROPOSAL', 'REFINE', date '2020-06-01' + (g % 120)
       FROM generate_series(1, $1) g`,
    [count],
  );
  await db.query(
    `INSERT INTO assessment (modification_id, type, requested_on, accepted_on, target_working_days, returned_on)
     SELECT m.id,
            CASE WHEN s.g % 2 = 0 THEN 'PRELIMINARY' ELSE 'IMPACT' END,
            s.requested,
            CASE WHEN s.g % 11 = 0 THEN NULL ELSE s.requested + 3 END,
            CASE WHEN s.g % 2 = 0 THEN 15 ELSE 40 END,
            CASE WHEN s.g % 11 <> 0 AND s.g % 3 = 0 THEN s.requested + 3 + (s.g % 70) END
       FROM (SELECT g, date '2020-10-01' + (g % 190) AS requested FROM generate_series(1, $1) g) s
       JOIN modification m ON m.reference = 'LOAD' || s.g`,
    [count],
  );
  // An open pause on some unreturned ones: PAUSED, and no target while it lasts.
  await db.query(
    `INSERT INTO assessment_pause (assessment_id, from_on, reason)
     SELECT a.id, a.accepted_on + 1, 'waiting for the proposer'
       FROM assessment a JOIN modification m ON m.id = a.modification_id
      WHERE m.reference LIKE 'LOAD%' AND a.accepted_on IS NOT NULL AND a.returned_on IS NULL
        AND substr(m.reference, 5)::int % 13 = 0 AND a.accepted_on + 1 <= date '2021-04-09'`,
  );
}
