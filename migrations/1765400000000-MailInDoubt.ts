import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message whose mail server never answered the end of it (a timeout, a dropped connection, a
 * worker that died waiting) is IN_DOUBT: the server may have taken it, so it is not sent again
 * until the doubt is settled, by policy after a set time or by an admin. To tell a message the
 * server cannot have taken from one it may have, a send records when the end of the message was
 * about to go (`data_ended_at`), and which job claimed it (`claimed_by`), so that the same job
 * taken up again after its worker died knows the claim is its own.
 */
export class MailInDoubt1765400000000 implements MigrationInterface {
  name = 'MailInDoubt1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_message ADD COLUMN claimed_by text, ADD COLUMN claim_token uuid, ADD COLUMN data_ended_at timestamptz, ADD COLUMN in_doubt_since timestamptz`);
    await q.query(`ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_state_check`);
    await q.query(`ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_state_check CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'IN_DOUBT'))`);
    await q.query(`ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_in_doubt_has_time CHECK ((state = 'IN_DOUBT') = (in_doubt_since IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE outbox_message SET state = 'PENDING', in_doubt_since = NULL WHERE state = 'IN_DOUBT'`);
    await q.query(`ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_in_doubt_has_time`);
    await q.query(`ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_state_check`);
    await q.query(`ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_state_check CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED'))`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN claimed_by, DROP COLUMN claim_token, DROP COLUMN data_ended_at, DROP COLUMN in_doubt_since`);
  }
}
