import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { Role } from '../../src/auth/role';
import { loadConfig } from '../../src/config/config';
import { type Clock, fixedClock } from '../../src/infra/clock';
import { ChangeFeed } from '../../src/infra/database/change-feed';
import { createDataSource } from '../../src/infra/database/data-source';
import { createLogger, type Logger } from '../../src/infra/logger';
import { JobQueue } from '../../src/queue/job-queue';
import { startQueueKeeper } from '../../src/queue/queue-keeper';
import { openQueueBackend, type QueueBackend, type QueueBackendKind } from '../../src/queue/queue-backend';
import { startHttpServer } from '../../src/server/http-server';
import { createServices, type Services } from '../../src/services';
import { type MailTransport, smtpTransport } from '../../src/infra/mail/mail-transport';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { createTestDatabase, type TestDatabase } from './pg-admin';
import { ServiceMetrics } from '../../src/metrics/service-metrics';
import { watchServiceState } from '../../src/metrics/service-state-gauges';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown }; path?: unknown[] }>;
}

/** Counts every SQL statement the app sends, so that a test can see N+1 queries. */
export class StatementCounter implements TypeOrmLogger {
  count = 0;
  /** The last statement's SQL. */
  last = '';
  logQuery(query: string): void {
    this.count += 1;
    this.last = query;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface TestApp {
  url: string;
  db: DataSource;
  services: Services;
  /** The database's URL, for workers (in this process or children) that should use the same one. */
  databaseUrl: string;
  /** The app's queue: BullMQ on PostgreSQL in the app's own database, or on Redis under a prefix of its own. */
  jobs: JobQueue;
  queue: QueueBackend;
  /** Set when the queue is on Redis: what a worker needs to reach the same queue. */
  redis?: { url: string; prefix: string };
  statements: StatementCounter;
  /** The process's metrics, as /metrics serves them; a worker in the test records its jobs here too. */
  metrics: ServiceMetrics;
  keys: Record<Role, string>;
  /** A real SMTP server in the test, and the worker's transport to it. */
  smtp: SmtpSink;
  mail: MailTransport;
  /** POSTs a GraphQL operation; `key` null sends no Authorization header. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export const TEST_MAIL_FROM = 'SEC Modification Tracker <tracker@sec-tracker.test>';
/** The addresses a test install's DCC and SECAS groups start with (NOTIFY_DCC, NOTIFY_SECAS). */
export const TEST_RECIPIENTS = { dcc: ['dcc-ops@dcc.test', 'dcc-change@dcc.test'], secas: ['secas@secas.test'] };

/** The real API over HTTP on a fresh database, with one key per role. "Today" is pinned. */
export async function startTestApp(
  options: {
    clock?: Clock; queue?: QueueBackendKind; devMailboxDir?: string;
    /** Environment variables for the API's configuration (limits, CORS), as an operator would set them. */
    env?: Record<string, string>;
    logger?: Logger;
    /** With queue 'redis': a Redis of the test's own (one it stops and starts), instead of the shared one. */
    redisUrl?: string;
  } = {},
): Promise<TestApp> {
  // No request budget unless a test asks for one: a test may send hundreds of requests a minute.
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', ...options.env });
  const database: TestDatabase = await createTestDatabase();
  const statements = new StatementCounter();
  const db = createDataSource({ url: database.url, logger: statements, poolSize: 5, statementTimeoutMs: config.statementTimeoutMs, preparedStatements: config.preparedStatements });
  await db.initialize();
  const logger = options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const clock = options.clock ?? fixedClock(new Date('2021-04-09T09:00:00Z'));
  const redis = options.queue === 'redis' ? { url: options.redisUrl ?? testRedisUrl(), prefix: uniqueRedisPrefix() } : undefined;
  const queue = await openQueueBackend({ databaseUrl: database.url, redisUrl: redis?.url, redisPrefix: redis?.prefix }, logger);
  const jobs = new JobQueue(queue);
  // As in every process of the service: keys and holidays are kept in memory while changes are heard.
  const changes = new ChangeFeed({ url: database.url, logger });
  await changes.start();
  const services = createServices({ db, jobs, mailFrom: TEST_MAIL_FROM, changes: { feed: changes, logger } });
  await services.recipientGroups.ensureDefaults({ db }, TEST_RECIPIENTS);
  const smtp = await startSmtpSink();
  const mail = smtpTransport({ url: smtp.url }, logger);
  // As in every process of the service: owed jobs are queued once the queue answers (quickly, in
  // tests), on a pool of its own so that the statements a test counts are its requests' only.
  const keeperDb = createDataSource({ url: database.url, poolSize: 1 });
  await keeperDb.initialize();
  const keeper = startQueueKeeper({ db: keeperDb, jobs, owed: services.owedJobs, logger, dispatchEveryMs: 100, schedules: null });
  const metrics = new ServiceMetrics();
  watchServiceState(metrics, { db, jobs, logger });
  const server = await startHttpServer(
    { db, services, jobs, clock, logger, dueSoonWorkingDays: 3, devMailboxDir: options.devMailboxDir, limits: config, metrics, metricsToken: config.metricsToken },
    0,
  );
  const keys = {} as Record<Role, string>;
  for (const role of Object.values(Role)) keys[role] = (await services.apiKeys.create(`test ${role}`, role)).key;

  const gql: TestApp['gql'] = async (query, variables, key = keys.ADMIN) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };

  return {
    url: server.url,
    db,
    services,
    databaseUrl: database.url,
    jobs,
    queue,
    redis,
    statements,
    metrics,
    keys,
    smtp,
    mail,
    gql,
    stop: async () => {
      await server.stop();
      await keeper.stop();
      await keeperDb.destroy();
      await mail.close();
      await smtp.close();
      await jobs.close();
      await queue.close();
      await services.apiKeys.close();
      await changes.stop();
      if (redis && !options.redisUrl) await deleteRedisKeys(redis.url, redis.prefix);
      await db.destroy();
      await database.drop();
    },
  };
}

/** The Redis the job tests use (CI starts one on the default port). */
export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A key prefix of its own per test app, so that test files never see each other's jobs. */
export function uniqueRedisPrefix(): string {
  return `sec-test-${randomBytes(5).toString('hex')}`;
}

/** Deletes every key under a prefix (SCAN, not KEYS: the Redis may be shared). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
