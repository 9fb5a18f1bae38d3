import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register: proposals and everything hung on them. What must always hold is enforced here,
 * not only in services: unique references, foreign keys, positive targets, date order, one
 * open pause per assessment and no overlapping pauses.
 */
export class Register1764000000000 implements MigrationInterface {
  name = 'Register1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // btree_gist lets one exclusion constraint compare a uuid with = and dates with &&.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE release (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
        release_on date,
        kind text NOT NULL CHECK (kind IN ('SCHEDULED', 'STANDALONE')),
        modification_report_deadline date,
        version integer NOT NULL DEFAULT 1,
        CHECK (modification_report_deadline IS NULL OR release_on IS NULL OR modification_report_deadline <= release_on)
      )`);

    await q.query(`
      CREATE TABLE modification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE CHECK (reference ~ '^[A-Za-z]+[0-9]+[A-Za-z]*$'),
        title text,
        summary text,
        note text,
        kind text NOT NULL CHECK (kind IN ('DRAFT_PROPOSAL', 'MODIFICATION_PROPOSAL')),
        phase text NOT NULL CHECK (phase IN ('DEFINE', 'REFINE', 'OPINE', 'DECIDE', 'APPROVED', 'IMPLEMENTED', 'REJECTED', 'WITHDRAWN')),
        path text CHECK (path IN ('AUTHORITY_LED', 'AUTHORITY_DETERMINATION', 'SELF_GOVERNANCE', 'FAST_TRACK', 'URGENT')),
        proposer text,
        proposer_organisation text,
        raised_on date,
        on_hold boolean NOT NULL DEFAULT false,
        on_hold_reason text,
        target_release_id uuid REFERENCES release (id) ON DELETE SET NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX modification_target_release_idx ON modification (target_release_id)`);
    await q.query(`CREATE INDEX modification_phase_idx ON modification (phase)`);

    await q.query(`
      CREATE TABLE modification_dependency (
        modification_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        depends_on_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        PRIMARY KEY (modification_id, depends_on_id),
        CHECK (modification_id <> depends_on_id)
      )`);
    await q.query(`CREATE INDEX modification_dependency_depends_on_idx ON modification_dependency (depends_on_id)`);

    await q.query(`
      CREATE TABLE phase_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        modification_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        from_phase text,
        to_phase text NOT NULL,
        changed_on date NOT NULL,
        note text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX phase_change_modification_idx ON phase_change (modification_id, changed_on)`);

    await q.query(`
      CREATE TABLE assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        modification_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('PRELIMINARY', 'IMPACT')),
        change_request text,
        requested_on date,
        accepted_on date,
        target_working_days integer NOT NULL CHECK (target_working_days > 0),
        expected_completion_on date,
        returned_on date,
        cost_gbp numeric(14, 2) CHECK (cost_gbp >= 0),
        commentary text,
        note text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (accepted_on IS NULL OR requested_on IS NULL OR accepted_on >= requested_on),
        CHECK (returned_on IS NULL OR accepted_on IS NULL OR returned_on >= accepted_on)
      )`);
    await q.query(`CREATE INDEX assessment_modification_idx ON assessment (modification_id)`);
    await q.query(`CREATE INDEX assessment_order_idx ON assessment ((coalesce(requested_on, accepted_on, returned_on)), id)`);

    await q.query(`
      CREATE TABLE assessment_pause (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
        from_on date NOT NULL,
        to_on date,
        reason text NOT NULL CHECK (btrim(reason) <> ''),
        CHECK (to_on IS NULL OR to_on > from_on),
        CONSTRAINT assessment_pause_no_overlap EXCLUDE USING gist (assessment_id WITH =, daterange(from_on, to_on, '[)') WITH &&)
      )`);
    await q.query(`CREATE UNIQUE INDEX assessment_pause_one_open ON assessment_pause (assessment_id) WHERE to_on IS NULL`);

    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        body text NOT NULL CHECK (body IN ('WORKING_GROUP', 'PANEL', 'CHANGE_BOARD', 'CHANGE_SUB_COMMITTEE', 'TABASC', 'SECURITY_SUB_COMMITTEE', 'OPERATIONS_GROUP')),
        meeting_on date NOT NULL,
        title text,
        note text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT meeting_body_date_unique UNIQUE (body, meeting_on)
      )`);
    await q.query(`CREATE INDEX meeting_on_idx ON meeting (meeting_on)`);

    await q.query(`
      CREATE TABLE agenda_item (
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        modification_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        PRIMARY KEY (meeting_id, modification_id)
      )`);
    await q.query(`CREATE INDEX agenda_item_modification_idx ON agenda_item (modification_id)`);

    await q.query(`
      CREATE TABLE consultation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        modification_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('REFINEMENT', 'MODIFICATION_REPORT')),
        opens_on date NOT NULL,
        closes_on date,
        note text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT consultation_unique UNIQUE (modification_id, kind, opens_on),
        CHECK (closes_on IS NULL OR closes_on > opens_on)
      )`);
    await q.query(`CREATE INDEX consultation_opens_on_idx ON consultation (opens_on)`);

    await q.query(`
      CREATE TABLE decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        modification_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        body text NOT NULL CHECK (body IN ('PANEL', 'CHANGE_BOARD', 'CHANGE_SUB_COMMITTEE', 'AUTHORITY')),
        decided_on date NOT NULL,
        outcome text NOT NULL CHECK (btrim(outcome) <> ''),
        objectives text[] NOT NULL DEFAULT '{}',
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT decision_unique UNIQUE (modification_id, body, decided_on, outcome)
      )`);
    await q.query(`CREATE INDEX decision_on_idx ON decision (decided_on)`);

    await q.query(`
      CREATE TABLE work_package (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        modification_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        tasks text[] NOT NULL CHECK (cardinality(tasks) > 0),
        return_to_panel_month text NOT NULL CHECK (return_to_panel_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        completed_on date,
        note text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT work_package_unique UNIQUE (modification_id, return_to_panel_month)
      )`);
    await q.query(`CREATE INDEX work_package_month_idx ON work_package (return_to_panel_month)`);

    await q.query(`
      CREATE TABLE holiday (
        holiday_on date PRIMARY KEY,
        name text NOT NULL CHECK (btrim(name) <> ''),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        role text NOT NULL CHECK (role IN ('ADMIN', 'DCC', 'READER')),
        key_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'api_key', 'holiday', 'work_package', 'decision', 'consultation', 'agenda_item', 'meeting',
      'assessment_pause', 'assessment', 'phase_change', 'modification_dependency', 'modification', 'release',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
