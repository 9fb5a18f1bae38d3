/**
 * The SLA status of many assessments on one day ($1), in one set-based statement: the SQL twin of
 * sla-calculator.ts's slaOn (a test holds them equal on random facts). Working Day arithmetic is
 * subtraction of calendar_day.wd_number: Working Days d with a < d <= b = wd(b) - wd(a).
 *
 * Common table expressions to follow a CTE named `cand` (the assessments to judge: their ids for the
 * night's form, their rows for a read's, see SLA_STATUS_READ_CTES); the last,
 * `computed`, has the columns id, old_status, old_next, status, next_check_on. Parameters: $1 the
 * day, $2 the due-soon threshold in Working Days.
 *
 * next_check_on is the first day after $1 on which the status can change while the facts stay as
 * they are: the return or acceptance day, a pause's start or end, or the day the count reaches the
 * due-soon or overdue line. A night therefore examines only the rows whose day has come.
 */
function slaStatusCtes(stored: boolean): string {
  // A night judges most of the register: hashing calendar_day once beats an index lookup per row.
  // A read judges a page or a board, a small part of it: three hashes of a table of 110,000 days
  // cost a page of 500 proposals 75 of its 95 ms, so it looks each day up (OFFSET 0 keeps the
  // planner from turning the lookup back into a join).
  const day = (join: 'JOIN' | 'LEFT JOIN', alias: string, dayExpr: string) => (stored
    ? `${join} calendar_day ${alias} ON ${alias}.day = ${dayExpr}`
    : `${join} LATERAL (SELECT wd_number FROM calendar_day WHERE day = ${dayExpr} OFFSET 0) ${alias} ON true`);
  return `
facts AS (
  SELECT a.id, a.accepted_on AS acc, a.returned_on AS ret, a.target_working_days AS tgt,
         ${stored ? 's.status AS old_status, s.next_check_on AS old_next' : 'NULL::text AS old_status, NULL::date AS old_next'},
         (a.returned_on IS NOT NULL AND a.returned_on <= $1::date) AS returned,
         CASE WHEN a.returned_on IS NOT NULL AND a.returned_on <= $1::date THEN a.returned_on ELSE $1::date END AS end_day
    ${stored ? 'FROM cand JOIN assessment a ON a.id = cand.id JOIN assessment_sla s ON s.assessment_id = a.id' : 'FROM cand a'}
),
-- Each pause clipped to the counted days (after acceptance); its stopped Working Days up to the
-- end day, and up to the day before the return (to tell a return on the target day from a later one).
pause_spans AS (
  SELECT f.id, p.from_on, p.to_on,
         GREATEST(p.from_on, f.acc + 1) AS first_stopped,
         f.end_day, f.ret
    FROM facts f JOIN assessment_pause p ON p.assessment_id = f.id
   WHERE f.acc IS NOT NULL
),
pauses AS (
  SELECT ps.id,
         sum(GREATEST(0, ce.wd_number - cs.wd_number)) FILTER (WHERE ps.first_stopped <= ps.end_day) AS stopped_to_end,
         sum(GREATEST(0, cr.wd_number - cs.wd_number)) FILTER (WHERE ps.ret IS NOT NULL AND ps.first_stopped <= ps.ret - 1) AS stopped_before_ret,
         bool_or(ps.to_on IS NULL) AS any_open,
         bool_or(ps.from_on <= $1::date AND (ps.to_on IS NULL OR ps.to_on > $1::date)) AS open_now,
         min(ps.to_on) FILTER (WHERE ps.from_on <= $1::date AND ps.to_on > $1::date) AS resumes_on,
         min(ps.from_on) FILTER (WHERE ps.from_on > $1::date) AS next_pause_on
    FROM pause_spans ps
    ${day('JOIN', 'cs', 'ps.first_stopped - 1')}
    ${day('JOIN', 'ce', 'LEAST(COALESCE(ps.to_on - 1, ps.end_day), ps.end_day)')}
    ${day('LEFT JOIN', 'cr', 'LEAST(COALESCE(ps.to_on - 1, ps.ret - 1), ps.ret - 1)')}
   GROUP BY ps.id
),
counted AS (
  SELECT f.*, p.any_open, p.open_now, p.resumes_on, p.next_pause_on,
         ca.wd_number AS acc_wd,
         ce.wd_number - ca.wd_number - COALESCE(p.stopped_to_end, 0) AS elapsed,
         GREATEST(0, cb.wd_number - ca.wd_number - COALESCE(p.stopped_before_ret, 0)) AS elapsed_before_ret,
         COALESCE(p.stopped_to_end, 0) AS stopped
    FROM facts f
    LEFT JOIN pauses p ON p.id = f.id
    ${day('LEFT JOIN', 'ca', 'f.acc')}
    ${day('LEFT JOIN', 'ce', 'f.end_day')}
    ${day('LEFT JOIN', 'cb', 'f.ret - 1')}
),
judged AS (
  SELECT c.*,
    CASE
      WHEN c.returned THEN
        CASE WHEN c.acc IS NULL OR COALESCE(c.any_open, false) THEN 'COMPLETED'
             WHEN c.elapsed < c.tgt OR (c.elapsed = c.tgt AND c.elapsed_before_ret < c.tgt) THEN 'COMPLETED_ON_TIME'
             ELSE 'COMPLETED_LATE' END
      WHEN c.acc IS NULL OR $1::date < c.acc THEN 'AWAITING_ACCEPTANCE'
      WHEN COALESCE(c.open_now, false) THEN 'PAUSED'
      WHEN c.elapsed > c.tgt THEN 'OVERDUE'
      WHEN c.tgt - c.elapsed <= $2::int THEN 'DUE_SOON'
      ELSE 'ON_TRACK'
    END AS status
    FROM counted c
),
computed AS (
SELECT j.id, j.old_status, j.old_next, j.status,
  CASE WHEN j.returned THEN NULL::date
  ELSE LEAST(
    j.ret,                                                  -- after $1 here: the return ends the clock
    CASE WHEN j.acc > $1::date THEN j.acc END,              -- the clock starts
    j.next_pause_on,                                        -- a recorded pause begins
    CASE WHEN j.status = 'PAUSED' THEN j.resumes_on END,    -- the clock runs again
    line.day                                                -- the count reaches the next line
  ) END AS next_check_on
  FROM judged j
  LEFT JOIN LATERAL (
    SELECT d.day FROM calendar_day d
     WHERE d.is_working
       AND d.wd_number = j.acc_wd + j.stopped + CASE j.status WHEN 'ON_TRACK' THEN j.tgt - $2::int ELSE j.tgt + 1 END
  ) line ON j.status IN ('ON_TRACK', 'DUE_SOON')
)`;
}

export const SLA_STATUS_CTES = slaStatusCtes(true);

/**
 * The same, for a read: nothing of the stored status is wanted (old_status and old_next are null), so
 * assessment_sla is not joined. Its `cand` holds the assessments' rows (id, accepted_on, returned_on,
 * target_working_days at least), as the read that chose them found them: fetching each again by
 * id cost a page of 500 proposals' 2,500 assessments 7 of its 83 ms. A read selects from `judged`
 * (id, status, elapsed, tgt, acc, …).
 */
export const SLA_STATUS_READ_CTES = slaStatusCtes(false);
