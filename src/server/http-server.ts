import http from 'node:http';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import cors from 'cors';
import { GraphQLError } from 'graphql';
import express from 'express';
import type { DataSource } from 'typeorm';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { RequestContext } from '../graphql/context';
import { formatError } from '../graphql/format-error';
import { loadersFor } from '../graphql/loaders';
import { buildAppSchema } from '../graphql/schema';
import { outageKind } from '../common/outage';
import type { Config } from '../config/config';
import { fieldSuggestionsForKeyHolders } from '../graphql/limits/field-suggestions.plugin';
import { introspectionForKeyHolders } from '../graphql/limits/introspection.plugin';
import { outageStatus } from '../graphql/limits/outage-status.plugin';
import { auditOperation } from '../graphql/audit-operation.plugin';
import { compiledReads } from '../graphql/compiled-reads/compiled-reads.plugin';
import { KnownQueries } from '../graphql/compiled-reads/known-queries';
import { stringifyResult } from '../graphql/compiled-reads/answer-text';
import { queryLimits } from '../graphql/limits/query-limits';
import { withinTimeBudget } from '../infra/database/time-budget';
import { bodyErrors, lastResort, requireJson } from './body-errors';
import { graphqlRoute } from './graphql-route';
import { identityFor, RequestLimits } from './rate-limit';
import { reportDownloadRoutes } from './report-downloads.routes';
import { adminRoutes } from './admin/admin.routes';
import { consoleRoutes } from './console/console.routes';
import { graphiqlPage } from './console/graphiql.route';
import { sessionIdentity, sessionPresented } from './console/console-session';
import { calendarFeedRoutes } from './calendar-feed.routes';
import { REGISTER_EXPORT_PATHS, registerExport } from './register-export.route';
import { REGISTER_IMPORT_PATH, registerImport } from './register-import.route';
import { metricsRoute } from './metrics.routes';
import { requestFactsOf } from './request-facts';
import { requestLog } from './request-log';
import { requestContext } from './request-context';
import { compiledReadLane, handedOverOf } from './compiled-read-lane';
import { requestFacts } from '../graphql/request-facts.plugin';
import type { ServiceMetrics } from '../metrics/service-metrics';
import type { JobQueue } from '../queue/job-queue';
import type { Services } from '../services';

export interface HttpServerOptions {
  db: DataSource;
  services: Services;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
  dueSoonWorkingDays: number;
  /** Set when configuration asks for the dev mailbox (DEV_MAILBOX): its folder, shown at /admin/mailbox. */
  devMailboxDir?: string;
  /** PUBLIC_URL: where users reach the API, for the links it gives out; default: the request's own host. */
  publicUrl?: string;
  /** What a request may ask, and who may ask from a browser (configuration). */
  limits: Pick<Config, 'graphqlLimits' | 'corsOrigins' | 'maxBodyBytes' | 'rateLimitPerMinute' | 'requestTimeoutMs' | 'compiledReads' | 'trustProxy' | 'introspection'> & Partial<Pick<Config, 'redisUrl'>>;
  /** The process's metrics, served at /metrics (behind METRICS_TOKEN when it is set). */
  metrics: ServiceMetrics;
  metricsToken?: string;
  /** Where the console's built script and styles are (npm run build:console); default dist/console. */
  consoleDir?: string;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The API: GraphQL at /graphql, the report downloads, /healthz (the process answers) and /readyz
 * (the database and the job queue answer too).
 */
export async function startHttpServer(options: HttpServerOptions, port: number): Promise<RunningHttpServer> {
  const { db, services, jobs, clock, logger, dueSoonWorkingDays } = options;
  const app = express();
  const consoleCookies = cookieParser((await services.signingSecrets.get('console-sessions')).toString('base64'));
  const consoleIdentity = sessionIdentity({ services, clock, logger });
  app.disable('x-powered-by');
  app.set('trust proxy', options.limits.trustProxy);
  // Its requests are handled once everything below is ready: the log first, then the lane or Express.
  const httpServer = http.createServer();
  const limits = queryLimits(options.limits.graphqlLimits);
  const contextParts = { db, services, jobs, clock, dueSoonWorkingDays, newLoaders: loadersFor(db) };
  const schema = await buildAppSchema();
  const known = options.limits.compiledReads ? new KnownQueries() : undefined;
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: formatError(logger),
    validationRules: limits.validationRules,
    // Always on for Apollo, whatever NODE_ENV says; who may introspect is the plugin's to say.
    introspection: true,
    parseOptions: limits.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The API sets no cache hints: the default cache-control plugin would only wrap every field of every answer.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads Sandbox from Apollo's CDN; a browser gets our own GraphiQL instead (graphiqlPage).
      ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins, introspectionForKeyHolders(options.limits.introspection), fieldSuggestionsForKeyHolders, outageStatus, auditOperation, requestFacts,
      ...(known ? [compiledReads(known)] : [])],
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Apollo's own writer, save that answers the compiled path built are written as PostgreSQL wrote them.
    stringifyResult,
    // The process stops itself (src/main.ts: intake, then the queue, then the database). Apollo's own
    // handler would stop the server and re-raise the signal, killing a worker mid-job.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  // Liveness: the process answers. A load balancer restarts what fails it, so it asks nothing else.
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Readiness: this process can serve (its database and job queue answer); take it out of rotation if not.
  app.get('/readyz', async (_req, res) => {
    const [database, queue] = await Promise.all([
      db.query('SELECT 1').then(() => 'ok', (err) => (logger.warn({ err }, 'readiness: database unreachable'), 'unreachable')),
      jobs.ping().then(() => 'ok', (err) => (logger.warn({ err }, 'readiness: job queue unreachable'), 'unreachable')),
    ]);
    const ready = database === 'ok' && queue === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database, queue });
  });

  app.get('/metrics', metricsRoute(options.metrics, options.metricsToken));

  const corsPolicy = cors({ origin: [...options.limits.corsOrigins], methods: ['GET', 'POST'], allowedHeaders: ['authorization', 'content-type', 'x-request-id'], maxAge: 600 });
  const requestLimits = new RequestLimits(db, services, options.limits.rateLimitPerMinute, logger, { redisUrl: options.limits.redisUrl });
  const perKeyRate = requestLimits.keyed;
  // The budget starts once a request is taken (for GraphQL, once its body is read), and once only:
  // a request the compiled-read lane hands on keeps the budget the lane started.
  const timeBudget: express.RequestHandler = (_req, res, next) => withinTimeBudget(options.limits.requestTimeoutMs, next, handedOverOf(res).budgetStartedAt);
  // A body the compiled-read lane read and found not to be JSON is refused here, as express.json() refuses one.
  const jsonBody = express.json({ limit: options.limits.maxBodyBytes });
  const graphqlBody: express.RequestHandler = (req, res, next) => {
    const failure = handedOverOf(res).bodyFailure;
    if (failure) next(failure);
    else jsonBody(req, res, next);
  };
  // GraphQL first, as most requests are: they pass no other route's matching on the way. A browser
  // opening /graphql gets GraphiQL; every other request goes on to GraphQL.
  app.get('/graphql', graphiqlPage({ consoleDir: options.consoleDir ?? path.resolve('dist', 'console') }));
  app.use(
    '/graphql',
    corsPolicy,
    consoleCookies,
    consoleIdentity,
    perKeyRate,
    requireJson,
    graphqlBody,
    timeBudget,
    graphqlRoute(apollo, async ({ req, res }): Promise<RequestContext> => {
      const facts = requestFactsOf(res);
      const caller = await callerOrUnavailable(req, res, services);
      if (caller) facts.keyName = caller.name;
      return requestContext(contextParts, {
        requestId: req.id, logger: req.log, caller, facts, compiledReadFailed: handedOverOf(res).compiledReadFailed,
        presented: Boolean(req.header('authorization')) || sessionPresented(res),
        baseUrl: () => options.publicUrl ?? `${req.protocol}://${req.host}`,
      });
    }),
  );

  app.use('/reports', corsPolicy, consoleCookies, sessionIdentity({ services, clock, logger, readsOnly: true }), perKeyRate, timeBudget, reportDownloadRoutes({ db, services, clock, logger }));
  // The console: its pages and session (signing in takes a key: each address has one budget there).
  app.use(consoleRoutes({ services, clock, logger, consoleDir: options.consoleDir ?? path.resolve('dist', 'console'), cookies: consoleCookies, signInLimit: requestLimits.byAddress }));

  // The admin pages answer whether a key is an admin's: each address has one budget there, whatever key it sends.
  app.use('/admin', requestLimits.byAddress, await adminRoutes({ services, jobs, clock, logger, devMailboxDir: options.devMailboxDir }));
  app.use('/calendar', perKeyRate, timeBudget, calendarFeedRoutes({ db, services, clock, logger, dueSoonWorkingDays }));
  // The spreadsheet: a link in the console downloads it with the session; an upload imports one (SECAS).
  app.get(REGISTER_EXPORT_PATHS, corsPolicy, consoleCookies, sessionIdentity({ services, clock, logger, readsOnly: true }), perKeyRate, timeBudget, registerExport({ db, services, clock, logger, dueSoonWorkingDays }));
  app.post(REGISTER_IMPORT_PATH, consoleCookies, consoleIdentity, perKeyRate, ...registerImport({ db, services, clock, logger, dueSoonWorkingDays }));

  app.use(bodyErrors(logger, options.limits.maxBodyBytes), lastResort(logger));

  const log = requestLog({ logger, metrics: options.metrics });
  const lane = known
    ? compiledReadLane({ known, schema, cost: limits.cost, services, limits: requestLimits, context: contextParts, maxBodyBytes: options.limits.maxBodyBytes, requestTimeoutMs: options.limits.requestTimeoutMs })
    : undefined;
  const routes = (req: http.IncomingMessage, res: http.ServerResponse) => app(req, res);
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => log(req, res, () => (lane ? lane(req, res, () => routes(req, res)) : routes(req, res))));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, resolve);
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}/graphql`,
    stop: async () => {
      await requestLimits.stop();
      await apollo.stop();
    },
  };
}

/**
 * The key check runs before GraphQL does; when the database is away it must answer as any request
 * meeting an outage does (UNAVAILABLE, 503), not as a failed context (500).
 */
async function callerOrUnavailable(req: express.Request, res: express.Response, services: Services) {
  let failure: unknown;
  try {
    const identity = await identityFor(req, res, services);
    if (!identity.outage) return identity.caller;
    failure = identity.outage;
  } catch (err) {
    failure = err;
  }
  const outage = outageKind(failure);
  if (!outage) throw failure;
  throw new GraphQLError(outage, { extensions: { code: outage, http: { status: 503 } } });
}
