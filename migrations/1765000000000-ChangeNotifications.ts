import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each process of the service may keep in memory (the API keys it has checked, the admin
 * holidays) is only as good as its news of changes: these triggers announce every change on one
 * channel, at commit, to every process listening (src/infra/database/change-feed.ts).
 *
 * The payload is the table, then, for api_key, the hash of the key that changed; a key's last use
 * is bookkeeping and announces nothing.
 */
export class ChangeNotifications1765000000000 implements MigrationInterface {
  name = 'ChangeNotifications1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION announce_api_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('sec_change', 'api_key:' || OLD.key_hash);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION announce_table_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('sec_change', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER api_key_changed AFTER UPDATE OF key_hash, name, role, revoked_at, expires_at OR DELETE ON api_key
      FOR EACH ROW EXECUTE FUNCTION announce_api_key_change()`);
    await q.query(`CREATE TRIGGER api_key_truncated AFTER TRUNCATE ON api_key FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change()`);
    await q.query(`
      CREATE TRIGGER holiday_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holiday
      FOR EACH STATEMENT EXECUTE FUNCTION announce_table_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER holiday_changed ON holiday`);
    await q.query(`DROP TRIGGER api_key_truncated ON api_key`);
    await q.query(`DROP TRIGGER api_key_changed ON api_key`);
    await q.query(`DROP FUNCTION announce_table_change()`);
    await q.query(`DROP FUNCTION announce_api_key_change()`);
  }
}
