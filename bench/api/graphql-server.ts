import 'reflect-metadata';
import type { AfterQueryEvent, EntitySubscriberInterface } from 'typeorm';
import { Role } from '../../src/auth/role';
import { loadConfig } from '../../src/config/config';
import { systemClock } from '../../src/infra/clock';
import { ChangeFeed } from '../../src/infra/database/change-feed';
import { openDatabase } from '../../src/infra/database/data-source';
import { createLogger } from '../../src/infra/logger';
import { JobQueue } from '../../src/queue/job-queue';
import { openQueueBackend } from '../../src/queue/queue-backend';
import { startHttpServer } from '../../src/server/http-server';
import { createServices } from '../../src/services';
import { ServerStats } from './server-stats';

/**
 * The API as production runs it (configuration from the environment, no request budget), for the
 * benchmark: it counts its SQL statements and their time, and answers the orchestrator over IPC.
 * argv: DATABASE_URL PORT. Sends { ready, key } once it serves, with a READER key to call it with.
 */
async function main(): Promise<void> {
  const [url, port] = process.argv.slice(2) as [string, string];
  const config = loadConfig({ ...process.env, DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' });
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({ url, poolSize: 10, statementTimeoutMs: config.statementTimeoutMs });
  const stats = new ServerStats();
  const counter: EntitySubscriberInterface = {
    beforeQuery: () => stats.statementStarted(),
    afterQuery: (event: AfterQueryEvent) => stats.statementTook(event.executionTime ?? 0),
  };
  db.subscribers.push(counter);
  const queue = await openQueueBackend({ databaseUrl: url }, logger);
  const jobs = new JobQueue(queue);
  const changes = new ChangeFeed({ url, logger });
  await changes.start();
  const services = createServices({ db, jobs, mailFrom: config.mailFrom, changes: { feed: changes, logger } });
  const { key } = await services.apiKeys.create(`bench ${Date.now()}`, Role.READER);
  await startHttpServer({ db, services, jobs, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays, limits: config }, Number(port));
  stats.read();
  stats.serveOverIpc();
  process.send?.({ ready: true, key });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
