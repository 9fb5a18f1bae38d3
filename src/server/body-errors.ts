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
  'encoding.unsupported': { status: 415, message: 'The body is in a Content-Encoding this API does not read: send it as is (identity), or gzip, deflate, br or zstd' },
  'charset.unsupported': { status: 415, message: 'The body is in a charset this API does not read: send UTF-8' },
  'request.aborted': { status: 400, message: 'The request was aborted before its body arrived' },
};

/**
 * A body the JSON parser refused: answered in GraphQL's error shape, with no stack, and logged
 * without the body (it may hold a password in its variables).
 */
export function bodyErrors(logger: Logger, maxBodyBytes: number): ErrorRequestHandler {
  return (err, req, res, next) => {
    const known = typeof err?.type === 'string' ? BODY_ERRORS[err.type] : notDecodable(err, req.headers['content-encoding']);
    if (!known || res.headersSent) return next(err);
    logger.info({ type: err.type ?? err.code, status: known.status, length: err.length, path: req.path }, 'a request body was refused');
    const message = err.type === 'entity.too.large' ? `${known.message} (${maxBodyBytes} bytes)` : known.message;
    res.status(known.status).json(graphqlError(message, 'BAD_REQUEST'));
  };
}

/**
 * A body its Content-Encoding does not describe (plain JSON sent as gzip, say): the decompressor's
 * error, which the body parser passes on as a 400 with no type of its own.
 */
function notDecodable(err: { status?: unknown; errno?: unknown } | undefined, encoding: string | undefined): { status: number; message: string } | undefined {
  // zlib's errors (gzip, deflate, br, zstd alike) carry an errno; the parser's own never do.
  if (!encoding || err?.status !== 400 || typeof err.errno !== 'number') return undefined;
  return { status: 400, message: `The body is not ${JSON.stringify(encoding)} data, as its Content-Encoding says: send it encoded so, or without the header` };
}

/** Whatever else escaped a route: JSON, no stack, logged as a bug. */
export function lastResort(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    logger.error({ err, path: req.path }, 'unexpected error while answering a request');
    if (res.headersSent) return;
    res.status(500).json(graphqlError('Internal error: it has been logged', 'INTERNAL_SERVER_ERROR'));
  };
}
