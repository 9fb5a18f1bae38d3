/**
 * Whether an error means a service we depend on is away (the database, the job queue), or a
 * statement ran past its time, rather than a bug: the API answers those with codes of their own
 * (UNAVAILABLE, TIMEOUT, HTTP 503) so a client knows to try again, and nothing is logged as a bug.
 */
export type OutageKind = 'UNAVAILABLE' | 'TIMEOUT';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
/** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections; class 08 is connection exceptions. */
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '53300']);
const GONE_MESSAGES = [
  /Connection terminated/i, /timeout exceeded when trying to connect/i, /Connection is closed/i,
  /Stream isn't writeable/i, /is not currently accepting connections/i, /Client has encountered a connection error/i, /Reached the max retries per request limit/i,
];

export function outageKind(error: unknown): OutageKind | null {
  for (let e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; name?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code === '57014' || e.name === 'TimeBudgetExceeded') return 'TIMEOUT';
    if (code && (NETWORK_CODES.has(code) || SERVER_GONE.has(code) || code.startsWith('08'))) return 'UNAVAILABLE';
    if (e.name === 'MaxRetriesPerRequestError') return 'UNAVAILABLE';
    if (typeof e.message === 'string' && GONE_MESSAGES.some((m) => m.test(e!.message as string))) return 'UNAVAILABLE';
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return null;
}
