import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar feeds (`createCalendarFeed`): a token per feed, kept as its SHA-256, owned by the API key
 * that made it. Deleting the key deletes its feeds; a revoked or expired key's feeds answer no more
 * (the feed route joins the key).
 */
export class CalendarFeeds1765200000000 implements MigrationInterface {
  name = 'CalendarFeeds1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feed (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        token_hash text NOT NULL UNIQUE,
        api_key_id uuid NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX calendar_feed_api_key ON calendar_feed (api_key_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feed`);
  }
}
