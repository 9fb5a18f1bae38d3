import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { Role } from '../../src/auth/role';
import { syncCalendarTable } from '../../src/calendar/calendar-table.service';
import { loadConfig } from '../../src/config/config';
import { systemClock } from '../../src/infra/clock';
import { ChangeFeed } from '../../src/infra/database/change-feed';
import { openDatabase } from '../../src/infra/database/data-source';
import { createLogger } from '../../src/infra/logger';
import { JobQueue } from '../../src/queue/job-queue';
import { openQueueBackend } from '../../src/queue/queue-backend';
import { type RunningHttpServer, startHttpServer } from '../../src/server/http-server';
import { createServices } from '../../src/services';
import { ServiceMetrics } from '../../src/metrics/service-metrics';
import { watchServiceState } from '../../src/metrics/service-state-gauges';

export interface BenchApi {
  db: DataSource;
  server: RunningHttpServer;
  /** A READER key to call it with. */
  key: string;
  stop(): Promise<void>;
}

/**
 * The API as production runs it (configuration from the environment, the request budget, the change
 * feed; no rate limit unless `env` sets one) on a benchmark's database; port 0 picks a free one.
 */
export async function startBenchApi(url: string, port: number, options: { logger?: TypeOrmLogger; env?: Record<string, string> } = {}): Promise<BenchApi> {
  const config = loadConfig({ ...process.env, DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn', ...options.env });
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({ url, poolSize: 10, statementTimeoutMs: config.statementTimeoutMs, preparedStatements: config.preparedStatements, logger: options.logger });
  // As connectDatabase does when the service starts: the SQL calendar the status twin reads.
  await syncCalendarTable(db);
  const queue = await openQueueBackend({ databaseUrl: url }, logger);
  const jobs = new JobQueue(queue);
  const changes = new ChangeFeed({ url, logger });
  await changes.start();
  const services = createServices({ db, jobs, mailFrom: config.mailFrom, changes: { feed: changes, logger } });
  const { key } = await services.apiKeys.create(`bench ${Date.now()}`, Role.READER);
  const metrics = new ServiceMetrics();
  watchServiceState(metrics, { db, jobs, logger });
  const server = await startHttpServer({ db, services, jobs, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays, limits: config, metrics }, port);
  return {
    db,
    server,
    key,
    stop: async () => {
      await server.stop();
      await jobs.close();
      await queue.close();
      await services.apiKeys.close();
      await changes.stop();
      await db.destroy();
    },
  };
}
