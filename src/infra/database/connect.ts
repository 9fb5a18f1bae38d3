import type { DataSource } from 'typeorm';
import type { Config } from '../../config/config';
import type { Logger } from '../logger';
import { syncCalendarTable } from '../../calendar/calendar-table.service';
import { openDatabase } from './data-source';
import { redactUrl, startOrAttachEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';

export interface DatabaseHandle {
  db: DataSource;
  /** Closes the pool, then stops the embedded server if this process started it. */
  close(): Promise<void>;
}

/**
 * The database the configuration names: DATABASE_URL, or else the embedded PostgreSQL in
 * DATA_DIR, started here or attached to when another process of the service already runs it.
 */
export async function connectDatabase(config: Config, logger: Logger): Promise<DatabaseHandle> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startOrAttachEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      log: (msg) => logger.info({ component: 'embedded-postgres' }, msg),
    });
    url = embedded.url;
    logger.info({ database: redactUrl(url), owned: embedded.owned, dataDir: config.dataDir }, 'using the embedded PostgreSQL');
  }
  try {
    const db = await openDatabase({ url, statementTimeoutMs: config.statementTimeoutMs, preparedStatements: config.preparedStatements });
    if (await syncCalendarTable(db)) logger.info('Working Day calendar table rebuilt');
    return {
      db,
      close: async () => {
        await db.destroy().catch((err) => logger.error({ err }, 'closing the database pool failed'));
        await embedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
