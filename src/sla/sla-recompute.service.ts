import type { DataSource, EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import type { ServiceContext } from '../common/service-context';
import { SLA_STATUS_CTES } from './sla-status.sql';

export interface RecomputeResult {
  asOf: LocalDate;
  mode: 'incremental' | 'full' | 'holiday';
  /** Assessments judged. */
  examined: number;
  /** Assessments whose status changed: one sla_transition row each. */
  changed: number;
  /** assessment_sla rows written: the changed ones, plus any whose next check day moved. */
  written: number;
  durationMs: number;
}

export interface RecomputeOptions {
  asOf: LocalDate;
  /** Judge every assessment, not only those whose day has come. */
  full?: boolean;
  /**
   * Days whose Working Day standing changed (a holiday added or removed): judge the assessments
   * whose clock spans one of them, the only ones whose status or next check day can move.
   */
  spanning?: LocalDate[];
  dueSoonWorkingDays: number;
  onProgress?: (percent: number, message: string) => Promise<void> | void;
  jobId?: string;
}

/**
 * Stores every assessment's SLA status for a day and records each change as a transition.
 *
 * One transaction, under a lock: a worker killed half-way leaves the day as it was, and the
 * retry (or another worker) does all of it. Idempotent: a second run for the same day finds
 * nothing whose day has come, and writes nothing.
 *
 * Incremental by default: only rows whose next_check_on has come (or whose facts changed, which
 * the triggers mark) are judged. A holiday run judges the rows whose clock spans a changed day
 * (accepted before it, and not returned before it: the Working Days a status counts run from the
 * day after acceptance to the return). A full run judges all, and is chosen by itself when the
 * stored next-check days may be stale: the first run, a run for an earlier day than the last, a
 * new due-soon threshold, or a calendar rebuilt since the last run that no holiday run followed.
 */
export async function recomputeSlaStatuses(db: DataSource, options: RecomputeOptions): Promise<RecomputeResult> {
  const started = new Date();
  const t0 = performance.now();
  const progress = async (percent: number, message: string) => options.onProgress?.(percent, message);
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('sla_recompute'))`);
    const mode = options.full || (await needsFullRun(tx, options)) ? 'full' : options.spanning?.length ? 'holiday' : 'incremental';
    await progress(10, `judging ${WHAT_IS_JUDGED[mode]} as of ${options.asOf}`);

    const spanning = mode === 'holiday' ? options.spanning! : [];
    const candidates = mode === 'full' ? `SELECT assessment_id AS id FROM assessment_sla`
      : mode === 'holiday' ? `SELECT a.id FROM assessment a
                               WHERE EXISTS (SELECT 1 FROM unnest($4::date[]) d(day)
                                              WHERE a.accepted_on < d.day AND (a.returned_on IS NULL OR a.returned_on >= d.day))`
      : `SELECT assessment_id AS id FROM assessment_sla WHERE next_check_on <= $1::date`;
    const [run] = await tx.query(
      `INSERT INTO sla_recompute_run (as_of, mode, due_soon_working_days, job_id, examined, changed, written, started_at)
       VALUES ($1, $2, $3, $4, 0, 0, 0, $5) RETURNING id`,
      [options.asOf, mode, options.dueSoonWorkingDays, options.jobId ?? null, started],
    );
    const [counts] = await tx.query(
      `WITH cand AS (${candidates}),
       ${SLA_STATUS_CTES},
       differing AS (
         SELECT * FROM computed
          WHERE status IS DISTINCT FROM old_status OR next_check_on IS DISTINCT FROM old_next
       ),
       written AS (
         UPDATE assessment_sla s
            SET status = d.status, next_check_on = d.next_check_on, as_of = $1::date,
                changed_on = CASE WHEN d.status IS DISTINCT FROM d.old_status THEN $1::date ELSE s.changed_on END
           FROM differing d
          WHERE s.assessment_id = d.id
         RETURNING 1
       ),
       transitions AS (
         INSERT INTO sla_transition (assessment_id, on_day, from_status, to_status, run_id)
         SELECT id, $1::date, old_status, status, $3 FROM differing WHERE status IS DISTINCT FROM old_status
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM computed)::int AS examined,
              (SELECT count(*) FROM written)::int AS written,
              (SELECT count(*) FROM transitions)::int AS transitions`,
      mode === 'holiday' ? [options.asOf, options.dueSoonWorkingDays, run.id, spanning] : [options.asOf, options.dueSoonWorkingDays, run.id],
    );
    await progress(90, `judged ${counts.examined}, ${counts.transitions} changed`);
    await tx.query(`UPDATE sla_recompute_run SET examined = $2, changed = $3, written = $4, finished_at = clock_timestamp() WHERE id = $1`, [
      run.id, counts.examined, counts.transitions, counts.written,
    ]);
    await progress(100, 'stored');
    return {
      asOf: options.asOf,
      mode,
      examined: counts.examined,
      changed: counts.transitions,
      written: counts.written,
      durationMs: Math.round(performance.now() - t0),
    };
  });
}

/** The recompute as a service, for jobs and commands: the threshold is the context's. */
export class SlaRecomputeService {
  run(ctx: ServiceContext, options: Omit<RecomputeOptions, 'dueSoonWorkingDays'>): Promise<RecomputeResult> {
    return recomputeSlaStatuses(ctx.db, { ...options, dueSoonWorkingDays: ctx.dueSoonWorkingDays });
  }

  /** Whether the day's recompute has run (the morning digest runs it first if the night's failed). */
  async hasRun(ctx: ServiceContext, asOf: LocalDate): Promise<boolean> {
    const rows = await ctx.db.query(`SELECT 1 FROM sla_recompute_run WHERE as_of = $1 LIMIT 1`, [asOf]);
    return rows.length > 0;
  }
}

const WHAT_IS_JUDGED = {
  full: 'every assessment',
  holiday: 'the assessments whose clock spans the changed days',
  incremental: 'assessments whose day has come',
} as const;

async function needsFullRun(tx: EntityManager, options: RecomputeOptions): Promise<boolean> {
  const [last] = await tx.query(
    `SELECT r.as_of::text AS as_of, r.due_soon_working_days, r.started_at, c.built_at
       FROM sla_recompute_run r CROSS JOIN calendar_state c ORDER BY r.id DESC LIMIT 1`,
  );
  if (!last) return true;
  // A holiday run is the calendar's own follow-up: a rebuilt calendar does not call for a full one then.
  const calendarMoved = !options.spanning?.length && last.built_at > last.started_at;
  return last.as_of > options.asOf || last.due_soon_working_days !== options.dueSoonWorkingDays || calendarMoved;
}
