/* eslint-disable @typescript-eslint/no-explicit-any -- BullMQ's queue and worker classes are generic over payload, result and name; a backend holds queues of every job, so those stay open here and the job contract types them. */
import {
  createPostgresBackend, createRedisBackend, runMigrations, withBackend,
  type IQueueBackend, type Processor, type Queue, type Worker, type WorkerOptions,
} from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '../infra/logger';

/** BullMQ's tables, in the service's own database but apart from the register's. */
export const QUEUE_SCHEMA = 'bullmq';

export type QueueBackendKind = 'redis' | 'postgres';

/** The knobs a worker takes beyond configuration; defaults suit production, tests shorten them. */
export type WorkerTuning = Pick<WorkerOptions, 'concurrency' | 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>;

// Every class of one backend shares a connection type; past this point the code does not care which.
export type AnyQueue<D, R, N extends string> = Queue<D, R, N, D, R, N, IQueueBackend, unknown>;
export type AnyWorker<D, R, N extends string> = Worker<D, R, N, IQueueBackend, any, unknown>;

/**
 * The queue store, Redis or PostgreSQL: the rest of the service builds its queues and workers
 * here and never learns which one it got (one code path, two backends).
 */
export interface QueueBackend {
  readonly kind: QueueBackendKind;
  createQueue<D, R, N extends string>(name: string): AnyQueue<D, R, N>;
  createWorker<D, R, N extends string>(name: string, processor: Processor<D, R, N>, tuning: WorkerTuning & { autorun?: boolean }): AnyWorker<D, R, N>;
  /**
   * Runs `fn` while no other process of the service runs it under the same name. Registering job
   * schedulers needs it on PostgreSQL: BullMQ 6.7's add_job_scheduler reads the scheduler row
   * without locking it, so processes that start together and upsert the same schedule can fail
   * with "job ID already exists". Redis runs each upsert as one atomic script and needs nothing.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Closes the connections the backend owns (not the queues and workers: their owners close them first). */
  close(): Promise<void>;
}

export interface QueueBackendSettings {
  /** Set: BullMQ on Redis. Unset: BullMQ's PostgreSQL backend in `databaseUrl`. */
  redisUrl?: string;
  databaseUrl: string;
  /** Redis only: a key prefix, so that tests (or two deployments) can share one Redis. */
  redisPrefix?: string;
}

/**
 * Opens the backend the configuration names. On PostgreSQL, BullMQ's migrations run here, at start
 * and explicitly (never on first use): they take an advisory lock, so processes that start
 * together migrate once.
 */
export async function openQueueBackend(settings: QueueBackendSettings, logger: Logger): Promise<QueueBackend> {
  if (settings.redisUrl) return openRedisBackend(settings.redisUrl, settings.redisPrefix ?? 'sec', logger);
  await migrateQueueSchema(settings.databaseUrl, logger);
  return openPostgresBackend(settings.databaseUrl, logger);
}

/** The database URL a DataSource was opened with: BullMQ's PostgreSQL backend uses the same database. */
export function databaseUrlOf(db: DataSource): string {
  const url = (db.options as { url?: unknown }).url;
  if (typeof url !== 'string' || !url) throw new Error('The DataSource was opened without a URL; the job queue needs one');
  return url;
}

export async function migrateQueueSchema(databaseUrl: string, logger: Logger): Promise<void> {
  // runMigrations wants one session of its own: its advisory lock and its transaction share it.
  const client = new Client({ connectionString: databaseUrl, application_name: 'sec-tracker-queue-migrate' });
  await client.connect();
  try {
    const version = await runMigrations(client, QUEUE_SCHEMA);
    logger.debug({ schema: QUEUE_SCHEMA, version }, 'BullMQ PostgreSQL schema ready');
  } finally {
    await client.end();
  }
}

/** A queue's connection errors go to the log (BullMQ would print them to stderr); it reconnects by itself. */
function logErrors<Q extends AnyQueue<any, any, any>>(queue: Q, logger: Logger): Q {
  queue.on('error', (err) => logger.warn({ err, queue: queue.name }, 'job queue connection error'));
  return queue;
}

function openPostgresBackend(databaseUrl: string, logger: Logger): QueueBackend {
  const Pg = withBackend(createPostgresBackend);
  // Each queue and worker builds (and closes) its own small pool plus one LISTEN connection.
  const connection = (poolSize: number, role: string) => ({
    connectionString: databaseUrl,
    schema: QUEUE_SCHEMA,
    max: poolSize,
    application_name: `sec-tracker-${role}`,
  });
  return {
    kind: 'postgres',
    createQueue: (name) => logErrors(new Pg.Queue(name, { connection: connection(3, 'queue') }) as AnyQueue<any, any, any>, logger),
    createWorker: (name, processor, { autorun, ...tuning }) =>
      new Pg.Worker(name, processor, {
        connection: connection((tuning.concurrency ?? 1) + 2, 'worker'),
        autorun,
        ...tuning,
      }) as AnyWorker<any, any, any>,
    exclusive: async (name, fn) => {
      const client = new Client({ connectionString: databaseUrl, application_name: 'sec-tracker-queue-lock' });
      await client.connect();
      try {
        // Session-level, so that it spans BullMQ's own transactions; released when the session ends, whatever happens.
        await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`sec-tracker:${name}`]);
        return await fn();
      } finally {
        await client.end();
      }
    },
    close: async () => undefined,
  };
}

function openRedisBackend(redisUrl: string, prefix: string, logger: Logger): QueueBackend {
  const Redis = withBackend(createRedisBackend);
  const owned: IORedis[] = [];
  const connect = (options: { maxRetriesPerRequest: number | null }, role: string) => {
    const client = new IORedis(redisUrl, { ...options, connectionName: `sec-tracker-${role}` });
    // Without a listener an unreachable Redis would crash the process; BullMQ reconnects by itself.
    client.on('error', (err) => logger.warn({ err, role }, 'Redis connection error'));
    owned.push(client);
    return client;
  };
  return {
    kind: 'redis',
    // A producer fails fast: an enqueue from an API request must not hang while Redis is away.
    createQueue: (name) =>
      logErrors(new Redis.Queue(name, { connection: connect({ maxRetriesPerRequest: 1 }, 'queue'), prefix }) as AnyQueue<any, any, any>, logger),
    // A worker waits for Redis for ever (BullMQ requires maxRetriesPerRequest: null on it).
    createWorker: (name, processor, { autorun, ...tuning }) =>
      new Redis.Worker(name, processor, {
        connection: connect({ maxRetriesPerRequest: null }, 'worker'),
        prefix,
        autorun,
        ...tuning,
      }) as AnyWorker<any, any, any>,
    exclusive: (_name, fn) => fn(),
    close: async () => {
      await Promise.all(owned.map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}
