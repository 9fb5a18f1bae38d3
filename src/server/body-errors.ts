import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../infra/logger';

/** An error in GraphQL's shape, for a request refused before GraphQL could read it. */
export const graphqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** POST /graphql takes JSON only; anything else is refused plainly, before it is parsed. */
export const requireJson: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || req.is('application/json')) return next();
  res.status(415).json(graphqlError(`Send the request as JSON: Content-Type: application/json (got ${req.headers['content-type'] ?? 'none'})`, 'BAD_REQUEST'));
};

const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'The body is not valid JSON' },
  'entity.too.large': { status: 413, message: 'The body is larger than this API reads' },
  'encoding.unsupported': { status: 415, message: 'The body is in an encoding this API does not read: send UTF-8' },
  'charset.unsupported': { status: 415, message: 'The body is in a charset this API does not read: send UTF-8' },
  'request.aborted': { status: 400, message: 'The request was aborted before its body arrived' },
};

/**
 * A body the JSON parser refused: answered in GraphQL's error shape, with no stack, and logged
 * without the body (it may hold a password in its variables).
 */
export function bodyErrors(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (err, req, res, next) => {
    const known = typeof err?.type === 'string' ? BODY_ERRORS[err.type] : undefined;
    if (!known || res.headersSent) return next(err);
    logger.info({ type: err.type, status: known.status, length: err.length, path: req.path }, 'a request body was refused');
    const message = err.type === 'entity.too.large' ? `${known.message} (${maxBodyBytes} bytes)` : known.message;
    res.status(known.status).json(graphqlError(message, 'BAD_REQUEST'));
  };
}

/** Whatever else escaped a route: JSON, no stack, logged as a bug. */
export function lastResort(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    logger.error({ err, path: req.path }, 'unexpected error while answering a request');
    if (res.headersSent) return;
    res.status(500).json(graphqlError('Internal error: it has been logged', 'INTERNAL_SERVER_ERROR'));
  };
}
