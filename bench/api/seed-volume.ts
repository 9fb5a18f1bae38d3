import type { DataSource } from 'typeorm';
import { seededDatabase } from '../bench-server';

/** The issue's volume: 10,000 proposals, 50,000 assessments, 20,000 meetings, 20,000 consultations. */
export interface Volume {
  proposals: number;
  assessmentsPerProposal: number;
  meetings: number;
  consultationsPerProposal: number;
  /** Proposals on each meeting's agenda. */
  agendaLength: number;
}

export const ISSUE_VOLUME: Volume = { proposals: 10_000, assessmentsPerProposal: 5, meetings: 20_000, consultationsPerProposal: 2, agendaLength: 3 };

/**
 * Fills an empty, migrated register with generated rows, set-based (one INSERT … SELECT per table).
 * Triggers are off while it runs: the audit log and the SLA bookkeeping would only slow it down
 * and the benchmark reads neither.
 */
export async function seedVolume(db: DataSource, v: Volume): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(
      `INSERT INTO modification (reference, title, summary, kind, phase, path, proposer, proposer_organisation, raised_on, on_hold)
       SELECT 'MP' || lpad(i::text, 6, '0'),
              'Generated proposal ' || i || ': a change to the Smart Energy Code',
              repeat('Why this change is needed. ', 8),
              'MODIFICATION_PROPOSAL',
              (ARRAY['DEFINE','REFINE','OPINE','DECIDE','APPROVED','IMPLEMENTED'])[1 + i % 6],
              (ARRAY['SELF_GOVERNANCE','AUTHORITY_DETERMINATION','FAST_TRACK'])[1 + i % 3],
              'Proposer ' || i % 97, 'Party ' || i % 31,
              DATE '2015-01-05' + (i % 3000),
              i % 17 = 0
         FROM generate_series(1, $1::int) AS i`,
      [v.proposals],
    );
    await tx.query(
      `INSERT INTO assessment (modification_id, type, requested_on, accepted_on, target_working_days, returned_on, expected_completion_on, commentary)
       SELECT m.id, CASE WHEN k % 2 = 0 THEN 'PRELIMINARY' ELSE 'IMPACT' END,
              m.raised_on + k * 30, m.raised_on + k * 30 + 3,
              CASE WHEN k % 2 = 0 THEN 15 ELSE 40 END,
              CASE WHEN k < $1::int - 1 THEN m.raised_on + k * 30 + 40 END,
              m.raised_on + k * 30 + 60,
              CASE WHEN k = $1::int - 1 THEN 'The DCC expects to return this on time.' END
         FROM modification m CROSS JOIN generate_series(0, $1::int - 1) AS k`,
      [v.assessmentsPerProposal],
    );
    await tx.query(
      `INSERT INTO consultation (modification_id, kind, opens_on, closes_on)
       SELECT m.id, CASE WHEN k % 2 = 0 THEN 'REFINEMENT' ELSE 'MODIFICATION_REPORT' END, m.raised_on + 20 + k * 60, m.raised_on + 40 + k * 60
         FROM modification m CROSS JOIN generate_series(0, $1::int - 1) AS k`,
      [v.consultationsPerProposal],
    );
    const bodies = `ARRAY['WORKING_GROUP','PANEL','CHANGE_BOARD','CHANGE_SUB_COMMITTEE','TABASC','SECURITY_SUB_COMMITTEE','OPERATIONS_GROUP']`;
    await tx.query(
      `INSERT INTO meeting (body, meeting_on, title)
       SELECT (${bodies})[1 + i % 7], DATE '2015-01-05' + i / 7, 'Meeting ' || i
         FROM generate_series(0, $1::int - 1) AS i`,
      [v.meetings],
    );
    // Each meeting lists `agendaLength` proposals, spread so that every proposal is on about
    // meetings × agendaLength / proposals agendas.
    await tx.query(
      `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY meeting_on, body) - 1 AS n FROM meeting),
            proposals AS (SELECT id, row_number() OVER (ORDER BY reference) - 1 AS n FROM modification)
       INSERT INTO agenda_item (meeting_id, modification_id, position)
       SELECT mt.id, p.id, k
         FROM numbered mt CROSS JOIN generate_series(0, $1::int - 1) AS k
         JOIN proposals p ON p.n = (mt.n * $1::int + k * 7919) % $2::int
       ON CONFLICT DO NOTHING`,
      [v.agendaLength, v.proposals],
    );
  });
  // As autovacuum leaves a live register: statistics, hint bits and the visibility map (a count then
  // reads the index alone). With ANALYZE only, the first run's reads set hint bits on every page they met,
  // and the SLA board's statement took 456 ms instead of about 100.
  await db.query('VACUUM (ANALYZE)');
}

/** bench:api's database (the issue's volume), its URL: seeded anew, or reused as it is with BENCH_KEEP_DB=1 when it was seeded to the end. */
export function issueVolumeDatabase(): Promise<string> {
  return seededDatabase('sec_tracker_bench_api', `${ISSUE_VOLUME.proposals.toLocaleString('en-GB')} proposals`, async (db) => {
    await seedVolume(db, ISSUE_VOLUME);
    const [counts] = await db.query(`SELECT (SELECT count(*) FROM modification) AS proposals, (SELECT count(*) FROM assessment) AS assessments,
      (SELECT count(*) FROM meeting) AS meetings, (SELECT count(*) FROM consultation) AS consultations, (SELECT count(*) FROM agenda_item) AS agenda_items`);
    console.log('  seeded', counts);
  });
}
