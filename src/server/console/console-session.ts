import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { Services } from '../../services';
import { refuse } from '../key-refusal';
import type { RequestIdentity } from '../rate-limit';
import { sessionCookie } from '../session-cookie';

/** A working day at a desk; then the person signs in again. */
export const CONSOLE_SESSION_MS = 8 * 60 * 60 * 1000;

/** The console's session, for every role: sent with the console's pages and its GraphQL requests. */
export const consoleSession = sessionCookie({ name: 'sec_session', path: '/', lengthMs: CONSOLE_SESSION_MS });

/**
 * The header every request the console makes carries. A form or an image on another site cannot
 * send a custom header, and a script there cannot without a CORS preflight this API refuses: a
 * cookie-borne request without it is refused, so no other site can act with a person's session.
 */
export const CONSOLE_HEADER = 'x-sec-console';

/**
 * Who a request without `Authorization` is, when it carries the console's session: the session's
 * key, checked now (a revoked or expired key is no one, and the console signs the person out).
 * Found before the rate limiter, so the console's requests spend the key's own budget.
 */
export function sessionIdentity({ services, clock, logger, readsOnly = false }: { services: Services; clock: Clock; logger: Logger; readsOnly?: boolean }): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.header('authorization') || !consoleSession.presented(req)) return next();
    // Routes that only read (the report downloads a person opens from a link) need no header: a
    // read changes nothing, and SameSite=Strict keeps the cookie from other sites' pages.
    if (!readsOnly && req.header(CONSOLE_HEADER) !== '1') {
      return refuse(res, 403, 'FORBIDDEN', `A request with the console's session must carry the header "${CONSOLE_HEADER}: 1"`);
    }
    const session = consoleSession.read(req, clock.now());
    let identity: RequestIdentity = { key: null, caller: null };
    if (typeof session === 'object') {
      try {
        identity = { key: null, caller: await services.apiKeys.callerById(session.keyId) };
      } catch (outage) {
        identity = { key: null, caller: null, outage };
      }
    } else if (session === 'tampered') {
      logger.warn({ path: req.path }, 'console: a session cookie with a bad signature was refused');
    }
    (res.locals as { identity?: RequestIdentity; sessionPresented?: boolean }).identity = identity;
    (res.locals as { sessionPresented?: boolean }).sessionPresented = true;
    return next();
  };
}

/** Whether the request came with a console session (valid or not): its refusal then says to sign in again. */
export const sessionPresented = (res: Response): boolean => Boolean((res.locals as { sessionPresented?: boolean }).sessionPresented);
