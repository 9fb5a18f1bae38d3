import 'reflect-metadata';
import { loadConfig, type Config } from './config/config';
import { systemClock } from './infra/clock';
import { ChangeFeed } from './infra/database/change-feed';
import { connectDatabase } from './infra/database/connect';
import { createLogger, type Logger } from './infra/logger';
import demoRegister from './demo/register-2021-04.json';
import { JobQueue } from './queue/job-queue';
import { jobSchedules } from './queue/job-contract';
import { noteSchedulesRegistered } from './queue/schedule-registrations';
import { databaseUrlOf, openQueueBackend } from './queue/queue-backend';
import { ShutdownDeadlineError, type StartWorker } from './queue/worker-port';
import { openMailTransport } from './infra/mail/open-mail-transport';
import { mailboxDir } from './infra/mail/dev-mailbox';
import { parseRegisterFile } from './register-import';
import { createServiceContext } from './common/service-context';
import { startHttpServer } from './server/http-server';
import { createServices } from './services';
import { startQueueKeeper } from './queue/queue-keeper';
import { ServiceMetrics } from './metrics/service-metrics';
import { watchServiceState } from './metrics/service-state-gauges';
import { startWorkerStatusServer } from './server/worker-status-server';

export type Mode = 'all' | 'api' | 'worker' | 'demo';

export interface RunOptions {
  /** Defaults to the environment's; the job tests override the schedule. */
  config?: Config;
  /** The worker side, handed in by `jobs/main.ts`: src never imports jobs/. */
  startWorker?: StartWorker;
  /** Redis only: the key prefix (default 'sec'); tests give each run its own. */
  redisPrefix?: string;
}

/**
 * The composition root. `api` serves GraphQL, `worker` runs jobs, `all` (and `demo`, after
 * loading the April 2021 register) does both in one process. Every mode registers the job
 * schedules (idempotent), so a system with only `npm start`, or with APIs and workers apart,
 * gets its nightly recompute either way.
 */
export async function runService(mode: Mode, options: RunOptions = {}): Promise<void> {
  const config = options.config ?? loadConfig();
  const logger = createLogger(config.logLevel);
  const startWorker = options.startWorker;
  if (mode !== 'api' && !startWorker) {
    logger.error(`Mode "${mode}" runs the worker, which lives in jobs/: run "node dist/jobs/main.js ${mode}" (npm start does).`);
    process.exitCode = 2;
    return;
  }

  const database = await connectDatabase(config, logger);
  const shutdown = onSignals(logger);
  shutdown.at('database', () => database.close());
  try {
    const queue = await openQueueBackend(
      { redisUrl: config.redisUrl, databaseUrl: databaseUrlOf(database.db), redisPrefix: options.redisPrefix },
      logger,
    );
    const jobs = new JobQueue(queue);
    shutdown.at('queue', async () => {
      await jobs.close();
      await queue.close();
    });
    const changes = new ChangeFeed({ url: databaseUrlOf(database.db), logger });
    await changes.start();
    shutdown.at('database', () => changes.stop());
    const services = createServices({
      db: database.db, jobs, mailFrom: config.mailFrom, mailInDoubtResendMinutes: config.mailInDoubtResendMinutes,
      reportLinkMinutes: config.reportLinkMinutes, paperDefaults: config.paperDefaults, changes: { feed: changes, logger },
    });
    shutdown.at('queue', () => services.apiKeys.close().catch((err) => logger.warn({ err }, 'writing the last use of API keys failed')));
    const metrics = new ServiceMetrics();
    watchServiceState(metrics, { db: database.db, jobs, logger });
    const system = createServiceContext({ db: database.db, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays });
    await services.recipientGroups.ensureDefaults(system, { dcc: config.notifyDcc, secas: config.notifySecas });
    if (config.adminApiKey) {
      const startup = createServiceContext({
        db: database.db, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays,
        audit: { actor: 'start-up (ADMIN_API_KEY)', operation: () => 'ensureAdminKey' },
      });
      const outcome = await services.apiKeys.ensureAdminKey(config.adminApiKey, startup.db);
      if (outcome.key === 'revoked-stays-revoked') logger.warn('ADMIN_API_KEY names a key an admin revoked: it stays revoked; set a new value');
      else logger.info({ ...outcome }, 'ADMIN_API_KEY: an admin key with that value is ready');
      if (outcome.previousRevoked) logger.info({ revoked: outcome.previousRevoked }, 'ADMIN_API_KEY changed: the key made from its previous value is revoked');
    }
    logger.info({ backend: queue.kind, schedules: await jobs.ensureSchedulers(config) }, 'job queue ready; schedules registered');
    await noteSchedulesRegistered(database.db, jobSchedules(config).map((s) => s.id));
    const keeper = startQueueKeeper({
      db: database.db, jobs, owed: services.owedJobs, logger,
      dispatchEveryMs: config.owedJobDispatchMs, schedules: { config, checkEveryMs: config.scheduleCheckMs },
    });
    shutdown.at('intake', () => keeper.stop());

    if (mode === 'demo') {
      // The April 2021 Change Status Report's facts, shipped with the service (built into dist/),
      // into an empty register only: at a restart the register holds newer facts than the demo's.
      const [{ n }] = await database.db.query(`SELECT count(*)::int AS n FROM modification`);
      if (n > 0) {
        logger.info({ proposals: n }, 'demo: the register is not empty, so the demo register is not loaded again');
      } else {
        const demo = createServiceContext({
          db: database.db, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays,
          audit: { actor: 'start-up (npm run demo)', operation: () => 'import the demo register (April 2021)' },
        });
        const summary = await services.registerImport.import(demo, parseRegisterFile(demoRegister), {
          onProgress: (msg) => logger.info({ import: 'demo' }, msg),
        });
        logger.info({ summary }, 'demo register loaded');
      }
    }
    if (mode !== 'worker') {
      const server = await startHttpServer(
        {
          db: database.db, services, jobs, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays,
          devMailboxDir: showsDevMailbox(config, mode) ? mailboxDir(config.dataDir) : undefined, publicUrl: config.publicUrl, limits: config,
          metrics, metricsToken: config.metricsToken,
        },
        config.port,
      );
      shutdown.at('intake', () => server.stop());
      const base = server.url.replace(/graphql$/, '');
      logger.info({ url: server.url, health: `${base}healthz`, ...(showsDevMailbox(config, mode) ? { mailbox: `${base}admin/mailbox` } : {}) }, 'GraphQL API ready');
    }
    if (startWorker && mode !== 'api') {
      const mail = await openMailTransport(config, logger);
      shutdown.at('queue', () => mail.close());
      const worker = await startWorker({ db: database.db, config, logger, clock: systemClock, queue, jobs, services, mail, metrics });
      shutdown.at('intake', () => worker.close());
      if (mode === 'worker' && config.workerStatusPort) {
        const status = await startWorkerStatusServer({ metrics, metricsToken: config.metricsToken, logger }, config.workerStatusPort);
        shutdown.at('database', () => status.stop());
      }
      // Mornings whose digest firing was lost while no worker ran; messages recorded by a process
      // that died before it queued their send jobs, or mid-send.
      if ((await services.digests.catchUp(system, config.digestCron)).length) await services.owedJobs.dispatchSoon(database.db, logger);
      const pending = await services.outbox.sweep(system);
      if (pending) logger.info({ pending }, 'queued the outbox messages still to deliver');
    }
    shutdown.started();
  } catch (err) {
    await shutdown.now(err);
  }
}

/**
 * The dev mailbox is shown when configuration asks (DEV_MAILBOX=true), or by `demo` unless it says
 * DEV_MAILBOX=false: never because SMTP_URL happens to be unset.
 */
export function showsDevMailbox(config: Config, mode: Mode): boolean {
  return !config.smtpUrl && (config.devMailbox ?? mode === 'demo');
}

type Stage = 'intake' | 'queue' | 'database';

/**
 * SIGINT/SIGTERM: first stop taking work (HTTP requests, jobs; the running ones finish), then close
 * the queue, then the database. A job still running when the grace period ends makes the process
 * exit at once: see ShutdownDeadlineError.
 */
function onSignals(logger: Logger) {
  const stages: Record<Stage, Array<() => Promise<void>>> = { intake: [], queue: [], database: [] };
  let stopping = false;
  const now = async (cause?: unknown) => {
    if (stopping) return;
    stopping = true;
    if (cause) logger.fatal({ err: cause }, 'start-up failed');
    for (const stage of ['intake', 'queue', 'database'] as const) {
      const results = await Promise.allSettled(stages[stage].map((stop) => stop()));
      for (const result of results) {
        if (result.status === 'fulfilled') continue;
        if (result.reason instanceof ShutdownDeadlineError) {
          logger.error({ err: result.reason }, 'grace period over: exiting now; another worker takes the job over once its lock lapses');
          process.exit(1);
        }
        logger.error({ err: result.reason }, 'a shutdown step failed');
      }
    }
    logger.info('stopped');
    process.exitCode = cause ? 1 : process.exitCode;
  };
  // A signal during start-up waits for it to finish: stopping half-started would leave what starts
  // after the stop (the worker, say) running, and the process with it.
  let starting = true;
  let requested = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal, ...(starting ? { after: 'start-up' } : {}) }, 'shutting down');
      if (starting) requested = true;
      else void now();
    });
  }
  const started = () => {
    starting = false;
    if (requested) void now();
  };
  return { at: (stage: Stage, stop: () => Promise<void>) => void stages[stage].push(stop), now, started };
}

export function parseMode(arg: string | undefined): Mode {
  if (arg === undefined) return 'all';
  if (arg === 'api' || arg === 'worker' || arg === 'demo' || arg === 'all') return arg;
  throw new Error(`Unknown mode ${JSON.stringify(arg)}: use api, worker, demo or nothing`);
}

/** Run directly, this serves the API alone; `jobs/main.ts` is the entry point with the worker. */
if (require.main === module) {
  runService(parseMode(process.argv[2])).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
