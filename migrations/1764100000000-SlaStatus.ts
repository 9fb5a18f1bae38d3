import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the nightly SLA recompute needs to be exact and fast:
 * - calendar_day: every day with its running Working Day number, so that Working Day
 *   arithmetic in SQL is a subtraction (filled from src/calendar by calendar-table.service).
 * - assessment_sla: each assessment's stored status and the next day it can change, so that a
 *   night examines only the rows whose day has come. Triggers mark a row for re-examination
 *   ('-infinity') whenever its facts change, by whatever path (API, import, SQL).
 * - sla_transition: every change of status, which the notifications read.
 * - sla_recompute_run: one row per completed recompute (what it examined and changed).
 */
export class SlaStatus1764100000000 implements MigrationInterface {
  name = 'SlaStatus1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_day (
        day date PRIMARY KEY,
        is_working boolean NOT NULL,
        -- Working Days from the first day of the table up to and including this one.
        wd_number integer NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX calendar_day_working_number ON calendar_day (wd_number) WHERE is_working`);
    await q.query(`
      CREATE TABLE calendar_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        fingerprint text NOT NULL,
        built_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE assessment_sla (
        assessment_id uuid PRIMARY KEY REFERENCES assessment (id) ON DELETE CASCADE,
        status text CHECK (status IN ('AWAITING_ACCEPTANCE', 'ON_TRACK', 'DUE_SOON', 'OVERDUE', 'PAUSED',
                                      'COMPLETED_ON_TIME', 'COMPLETED_LATE', 'COMPLETED')),
        -- The day the status was last judged, and the day it took its current value.
        as_of date,
        changed_on date,
        -- The first day after as_of on which the status can change; NULL: never, unless the facts do.
        next_check_on date DEFAULT '-infinity'
      )`);
    await q.query(`CREATE INDEX assessment_sla_next_check ON assessment_sla (next_check_on)`);
    // The recompute joins pauses by assessment; the exclusion constraint's GiST index is a poor fit.
    await q.query(`CREATE INDEX assessment_pause_assessment_idx ON assessment_pause (assessment_id)`);

    await q.query(`
      CREATE TABLE sla_recompute_run (
        id bigserial PRIMARY KEY,
        as_of date NOT NULL,
        mode text NOT NULL CHECK (mode IN ('incremental', 'full')),
        due_soon_working_days integer NOT NULL,
        job_id text,
        examined integer NOT NULL,
        changed integer NOT NULL,
        written integer NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    await q.query(`
      CREATE TABLE sla_transition (
        id bigserial PRIMARY KEY,
        assessment_id uuid NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
        on_day date NOT NULL,
        from_status text,
        to_status text NOT NULL,
        run_id bigint NOT NULL REFERENCES sla_recompute_run (id) ON DELETE CASCADE,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sla_transition_day ON sla_transition (on_day)`);
    await q.query(`CREATE INDEX sla_transition_assessment ON sla_transition (assessment_id)`);

    // Statement-level triggers with transition tables: a bulk insert of a million assessments
    // costs one extra statement, not a million.
    await q.query(`
      CREATE FUNCTION assessment_sla_track_new() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO assessment_sla (assessment_id) SELECT id FROM new_rows ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER assessment_sla_on_insert AFTER INSERT ON assessment
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_sla_track_new()`);
    await q.query(`
      CREATE FUNCTION assessment_sla_mark_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE assessment_sla s SET next_check_on = '-infinity'
          FROM (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                 WHERE (n.accepted_on, n.returned_on, n.target_working_days)
                       IS DISTINCT FROM (o.accepted_on, o.returned_on, o.target_working_days)) c
         WHERE s.assessment_id = c.id AND s.next_check_on IS DISTINCT FROM '-infinity';
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER assessment_sla_on_update AFTER UPDATE ON assessment
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_sla_mark_changed()`);
    await q.query(`
      CREATE FUNCTION assessment_sla_mark_paused() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE assessment_sla SET next_check_on = '-infinity'
         WHERE assessment_id = COALESCE(NEW.assessment_id, OLD.assessment_id) AND next_check_on IS DISTINCT FROM '-infinity';
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER assessment_sla_on_pause AFTER INSERT OR UPDATE OR DELETE ON assessment_pause
      FOR EACH ROW EXECUTE FUNCTION assessment_sla_mark_paused()`);

    await q.query(`INSERT INTO assessment_sla (assessment_id) SELECT id FROM assessment`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS assessment_sla_on_pause ON assessment_pause`);
    await q.query(`DROP INDEX IF EXISTS assessment_pause_assessment_idx`);
    await q.query(`DROP TRIGGER IF EXISTS assessment_sla_on_update ON assessment`);
    await q.query(`DROP TRIGGER IF EXISTS assessment_sla_on_insert ON assessment`);
    await q.query(`DROP FUNCTION IF EXISTS assessment_sla_mark_paused, assessment_sla_mark_changed, assessment_sla_track_new`);
    for (const table of ['sla_transition', 'sla_recompute_run', 'assessment_sla', 'calendar_state', 'calendar_day']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
