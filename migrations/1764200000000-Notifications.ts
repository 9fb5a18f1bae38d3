import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The morning digests:
 * - recipient_group: who gets a digest (DCC, SECAS, any an admin adds), at which addresses, with
 *   which sections. Seeded at start-up from NOTIFY_DCC and NOTIFY_SECAS when a group is missing.
 * - outbox_message: every message, recorded in the transaction that decides it and then delivered
 *   by a send job. The deduplication key (kind, group, day) is unique, so a digest job run twice,
 *   or by two workers, records one message; its Message-ID derives from the key. A sender claims
 *   a row (SENDING, claimed_at) in a short transaction of its own, talks to the mail server with
 *   no transaction open, then marks it SENT or back to PENDING; a claim left by a dead worker
 *   lapses and the sweep sends the message again, with the same Message-ID.
 */
export class Notifications1764200000000 implements MigrationInterface {
  name = 'Notifications1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recipient_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (name ~ '^[A-Za-z][A-Za-z0-9 _-]{0,59}$'),
        addresses text[] NOT NULL,
        sections text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recipient_group_needs_addresses CHECK (cardinality(addresses) > 0)
      )`);
    // DCC and dcc are one group: a second spelling would send the same digest twice.
    await q.query(`CREATE UNIQUE INDEX recipient_group_name_key ON recipient_group (lower(name))`);

    await q.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        group_id uuid NOT NULL REFERENCES recipient_group (id),
        day date NOT NULL,
        deduplication_key text NOT NULL,
        message_id text NOT NULL,
        recipients text[] NOT NULL CHECK (cardinality(recipients) > 0),
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
        claimed_at timestamptz,
        -- The last sla_transition a digest reported: the next one reports those after it.
        covered_transition_id bigint,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        provider_response text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT outbox_message_deduplication_key UNIQUE (deduplication_key),
        CONSTRAINT outbox_message_sent_has_time CHECK ((state = 'SENT') = (sent_at IS NOT NULL)),
        CONSTRAINT outbox_message_sending_is_claimed CHECK ((state = 'SENDING') = (claimed_at IS NOT NULL))
      )`);
    // The admin's list (newest first, by state) and "this group's last digest".
    await q.query(`CREATE INDEX outbox_message_state_created ON outbox_message (state, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX outbox_message_created ON outbox_message (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX outbox_message_group_kind_day ON outbox_message (group_id, kind, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_message`);
    await q.query(`DROP TABLE recipient_group`);
  }
}
