import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DataSource } from 'typeorm';
import { createServiceContext } from '../common/service-context';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { RequestContext } from '../graphql/context';
import { formatError } from '../graphql/format-error';
import { createLoaders } from '../graphql/loaders';
import { buildAppSchema } from '../graphql/schema';
import { bearerKey } from './bearer-key';
import { devMailboxRoutes } from './dev-mailbox.routes';
import { reportDownloadRoutes } from './report-downloads.routes';
import type { JobQueue } from '../queue/job-queue';
import type { Services } from '../services';

export interface HttpServerOptions {
  db: DataSource;
  services: Services;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
  dueSoonWorkingDays: number;
  /** Set when there is no SMTP_URL: the dev mailbox's folder, shown at /dev/mailbox. */
  devMailboxDir?: string;
  /** PUBLIC_URL: where users reach the API, for the links it gives out; default: the request's own host. */
  publicUrl?: string;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The API: GraphQL at /graphql and a health check at /healthz that also asks the database. */
export async function startHttpServer(options: HttpServerOptions, port: number): Promise<RunningHttpServer> {
  const { db, services, jobs, clock, logger, dueSoonWorkingDays } = options;
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    formatError: formatError(logger),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch (err) {
      logger.warn({ err }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.use('/reports', reportDownloadRoutes({ db, services, clock, logger }));

  if (options.devMailboxDir) app.use('/dev/mailbox', devMailboxRoutes(options.devMailboxDir, logger));

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<RequestContext> => {
        const requestId = req.header('x-request-id') ?? randomUUID();
        // Links the API gives out (a report's signed downloads) point back at it.
        const baseUrl = options.publicUrl ?? `${req.protocol}://${req.get('host')}`;
        const key = bearerKey(req.header('authorization'));
        const caller = key ? await services.apiKeys.authenticate(key) : null;
        const { forgetCalendar, ...serviceContext } = createServiceContext({
          db, clock, logger: logger.child({ requestId }), caller, dueSoonWorkingDays,
        });
        const loaders = createLoaders(db);
        return {
          ...serviceContext,
          requestId,
          baseUrl,
          auth: { caller, presented: key !== null },
          services,
          jobs,
          loaders,
          // Apollo hands resolvers a shallow copy of this object: refill the shared loaders in place.
          forgetCaches: () => {
            Object.assign(loaders, createLoaders(db));
            forgetCalendar();
          },
        };
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, resolve);
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}/graphql`,
    stop: () => apollo.stop(),
  };
}

