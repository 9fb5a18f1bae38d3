import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../infra/logger';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { requestFactsOf } from './request-facts';

/** Asked every few seconds by orchestrators and Prometheus: timed, never logged. */
const UNLOGGED = new Set(['/healthz', '/readyz', '/metrics']);
/** The routes a request's metric is labelled with when it is not a GraphQL operation (a GraphQL name never holds a slash). */
const ROUTES = ['/graphql', '/reports', '/admin', '/calendar', '/register', '/healthz', '/readyz', '/metrics'];
/** A client's own request id is kept when it is a plain token; else the API makes one. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The path a log may show: no query (a signed link's signature), no calendar feed's token. */
const pathOf = (url: string | undefined) => (url ?? '/').split('?')[0]!.replace(/^\/calendar\/.*$/i, '/calendar/(token)');
const routeOf = (url: string | undefined) => {
  const path = pathOf(url);
  return ROUTES.find((r) => path === r || path.startsWith(`${r}/`) || path.startsWith(`${r}.`)) ?? 'other';
};

/**
 * One log line per request (pino-http): its id (X-Request-Id, echoed back), method, path without the
 * query (a signed link's signature stays out of the log), status, duration, GraphQL operation and
 * the name of the key that sent it; never a header, so never a key or a cookie. And the
 * http_request_duration_seconds histogram, by operation and outcome.
 */
export function requestLog({ logger, metrics }: { logger: Logger; metrics: ServiceMetrics }): RequestHandler[] {
  const factsOf = (res: ServerResponse) => {
    const facts = requestFactsOf(res as Response);
    return {
      ...(facts.operation !== undefined ? { operation: facts.operation.slice(0, 100) } : {}),
      ...(facts.outcome !== undefined ? { outcome: facts.outcome } : {}),
      ...(facts.keyName !== undefined ? { key: facts.keyName } : {}),
    };
  };
  const log = pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req: IncomingMessage) => UNLOGGED.has(pathOf(req.url)) },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    // A client that hung up before its answer was written: no failure of ours, and not a success.
    customSuccessMessage: (_req, res) => (res.writableFinished ? 'request finished' : 'request aborted by the client'),
    customErrorMessage: () => 'request failed',
    customSuccessObject: (_req, res, val) => ({ ...val, ...factsOf(res), ...(res.writableFinished ? {} : { outcome: 'aborted' }) }),
    customErrorObject: (_req, res, _err, val) => ({ ...val, ...factsOf(res) }),
  });

  const timing: RequestHandler = (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    // 'close' comes for every request, also one the client gave up on before the answer was sent.
    res.once('close', () => {
      const facts = requestFactsOf(res);
      end({
        // Only a key holder's operation names become labels: without a key, anyone could fill the 200 slots.
        operation: facts.operation === undefined ? routeOf(req.originalUrl) : facts.keyName ? metrics.operationLabel(facts.operation) : 'unauthenticated',
        outcome: !res.writableFinished ? 'aborted' : (facts.outcome ?? (res.statusCode < 400 ? 'ok' : `HTTP_${res.statusCode}`)),
      });
    });
    next();
  };
  return [log, timing];
}
