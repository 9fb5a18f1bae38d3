import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../infra/logger';
import type { ServiceMetrics } from '../metrics/service-metrics';
import { requestFactsOf } from './request-facts';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id: the client's X-Request-Id when it is a plain token, else one the API made. */
    id: string;
    /** The request's logger: its lines carry the request's id (reqId), as the request's own line does. */
    log: Logger;
  }
}

/** Asked every few seconds by orchestrators and Prometheus: timed, never logged. */
const UNLOGGED = new Set(['/healthz', '/readyz', '/metrics']);
/** The routes a request's metric is labelled with when it is not a GraphQL operation (a GraphQL name never holds a slash). */
const ROUTES = ['/graphql', '/reports', '/admin', '/calendar', '/register', '/healthz', '/readyz', '/metrics'];
/** A client's own request id is kept when it is a plain token; else the API makes one. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The path a log may show: no query (a signed link's signature), no calendar feed's token. */
const pathOf = (url: string | undefined) => (url ?? '/').split('?')[0]!.replace(/^\/calendar\/.*$/i, '/calendar/(token)');
const routeOf = (path: string) => ROUTES.find((r) => path === r || path.startsWith(`${r}/`) || path.startsWith(`${r}.`)) ?? 'other';

/**
 * The request's line: 'request finished', 'request aborted by the client' (it hung up first) or
 * 'request failed' (a 5xx, or an error writing the response), with the error it failed with.
 */
function lineOf(res: ServerResponse, finished: boolean, failure: Error | undefined): { level: 'info' | 'error'; msg: string; outcome?: string; err?: Error } {
  if (failure || res.statusCode >= 500) return { level: 'error', msg: 'request failed', err: failure ?? new Error(`failed with status code ${res.statusCode}`) };
  // A client that hung up before its answer was written: no failure of ours, and not a success.
  return finished ? { level: 'info', msg: 'request finished' } : { level: 'info', msg: 'request aborted by the client', outcome: 'aborted' };
}

/**
 * One log line per request: its id (X-Request-Id, echoed back), method, path without the query (a
 * signed link's signature stays out of the log), status, duration, GraphQL operation and the name
 * of the key that sent it; never a header, so never a key or a cookie. And the
 * http_request_duration_seconds histogram, by operation and outcome.
 *
 * Written on pino itself rather than pino-http: pino-http's bookkeeping on every request and
 * response (two child loggers, symbol-keyed properties, lists of loggers, the line's object built
 * even when its level is off) cost 12 % of the instructions of a small GraphQL read (callgrind, one
 * proposal, 10 requests in flight: 915k → 800k per request). `req.log` stays a plain property: a
 * getter defined on each request cost as much again, as V8 then reads every request slowly.
 *
 * Node's own request and response: it runs before Express does, as some requests never reach
 * Express (the compiled-read lane).
 */
export function requestLog({ logger, metrics }: { logger: Logger; metrics: ServiceMetrics }): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const startedAt = Date.now();
    const endTimer = metrics.httpDuration.startTimer();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    req.id = id;
    req.log = logger.child({ reqId: id });
    const path = pathOf(req.url);
    let logged = false;
    const writeLine = (failure?: Error) => {
      if (logged || UNLOGGED.has(path)) return;
      logged = true;
      const facts = requestFactsOf(res);
      const line = lineOf(res, res.writableFinished, failure);
      if (!logger.isLevelEnabled(line.level)) return;
      logger[line.level](
        {
          reqId: id,
          req: { id, method: req.method, path },
          // No status was sent when the headers never were (the client hung up first).
          res: { statusCode: res.headersSent ? res.statusCode : null },
          responseTime: Date.now() - startedAt,
          ...(facts.operation !== undefined ? { operation: facts.operation.slice(0, 100) } : {}),
          ...(facts.outcome !== undefined ? { outcome: facts.outcome } : {}),
          ...(facts.keyName !== undefined ? { key: facts.keyName } : {}),
          ...(line.outcome ? { outcome: line.outcome } : {}),
          ...(line.err ? { err: line.err } : {}),
        },
        line.msg,
      );
    };
    // An error writing the response (a write after its end, say) is the request's failure, logged;
    // with no listener, Node would raise it and stop the process.
    res.on('error', (err: Error) => writeLine(err));
    // 'close' comes for every request, also one the client gave up on before the answer was sent.
    res.once('close', () => {
      const facts = requestFactsOf(res);
      endTimer({
        // Only a key holder's operation names become labels: without a key, anyone could fill the 200 slots.
        operation: facts.operation === undefined ? routeOf(path) : facts.keyName ? metrics.operationLabel(facts.operation) : 'unauthenticated',
        outcome: !res.writableFinished ? 'aborted' : (facts.outcome ?? (res.statusCode < 400 ? 'ok' : `HTTP_${res.statusCode}`)),
      });
      writeLine();
    });
    next();
  };
}
