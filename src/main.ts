import 'reflect-metadata';
import { loadConfig } from './config/config';
import { systemClock } from './infra/clock';
import { connectDatabase, type DatabaseHandle } from './infra/database/connect';
import { createLogger, type Logger } from './infra/logger';
import demoRegister from './demo/register-2021-04.json';
import { parseRegisterFile, RegisterImportService } from './register-import';
import { startHttpServer } from './server/http-server';
import { createServices } from './services';

type Mode = 'all' | 'api' | 'worker' | 'demo';


async function main(mode: Mode): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (mode === 'worker') {
    logger.error('The worker has no jobs yet: the scheduled job runner is the next capability to land. Run "npm run start:api".');
    process.exitCode = 2;
    return;
  }

  const database = await connectDatabase(config, logger);
  const shutdown = onSignals(logger, database);
  try {
    const services = createServices(database.db);
    if (config.adminApiKey) {
      await services.apiKeys.ensureAdminKey(config.adminApiKey);
      logger.info('ADMIN_API_KEY: an admin key with that value is ready');
    }
    if (mode === 'demo') {
      // The April 2021 Change Status Report's facts, shipped with the service (built into dist/).
      const summary = await new RegisterImportService(database.db).import(parseRegisterFile(demoRegister), {
        onProgress: (msg) => logger.info({ import: 'demo' }, msg),
      });
      logger.info({ summary }, 'demo register loaded');
    }
    const server = await startHttpServer(
      { db: database.db, services, clock: systemClock, logger, dueSoonWorkingDays: config.dueSoonWorkingDays },
      config.port,
    );
    shutdown.before(() => server.stop());
    logger.info({ url: server.url, health: server.url.replace(/graphql$/, 'healthz') }, 'GraphQL API ready');
    if (mode === 'all') logger.info('scheduled jobs: none yet (the job runner is the next capability)');
  } catch (err) {
    await shutdown.now(err);
  }
}

/** SIGINT/SIGTERM: stop taking requests, let the running ones finish, close the database. */
function onSignals(logger: Logger, database: DatabaseHandle) {
  const stoppers: Array<() => Promise<void>> = [];
  let stopping = false;
  const now = async (cause?: unknown) => {
    if (stopping) return;
    stopping = true;
    if (cause) logger.fatal({ err: cause }, 'start-up failed');
    for (const stop of stoppers.reverse()) await stop().catch((err) => logger.error({ err }, 'a shutdown step failed'));
    await database.close();
    logger.info('stopped');
    process.exitCode = cause ? 1 : process.exitCode;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      void now();
    });
  }
  return { before: (stop: () => Promise<void>) => stoppers.push(stop), now };
}

function parseMode(arg: string | undefined): Mode {
  if (arg === undefined) return 'all';
  if (arg === 'api' || arg === 'worker' || arg === 'demo' || arg === 'all') return arg;
  throw new Error(`Unknown mode ${JSON.stringify(arg)}: use api, worker, demo or nothing`);
}


if (require.main === module) {
  main(parseMode(process.argv[2])).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
