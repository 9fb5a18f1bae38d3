import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys that can be stopped (issue 8): an expiry, when each was last used, and where it came from.
 * `source` 'env' marks the key made from ADMIN_API_KEY: a new value revokes the old one, and a
 * revoked one stays revoked whatever the environment says.
 */
export class ApiKeyLifecycle1764500000000 implements MigrationInterface {
  name = 'ApiKeyLifecycle1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE api_key
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN last_used_at timestamptz,
        ADD COLUMN source text NOT NULL DEFAULT 'cli' CHECK (source IN ('cli', 'api', 'env'))`);
    await q.query(`UPDATE api_key SET source = 'env' WHERE name = 'ADMIN_API_KEY'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_key DROP COLUMN expires_at, DROP COLUMN last_used_at, DROP COLUMN source`);
  }
}
