import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Caller } from '../../auth/api-key.service';
import { KEY_REFUSALS } from '../../auth/key-refusals';
import { Access } from '../../auth/role';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { Services } from '../../services';
import { bearerKey } from '../bearer-key';
import { refuse } from '../key-refusal';
import { adminSession } from './admin-session';

/** The admin pages let in an ADMIN caller, found on the request by this middleware. */
export interface AdminLocals {
  caller: Caller;
}

/**
 * Lets in an ADMIN key: sent as `Authorization: Bearer` (scripts, curl) or held by the session the
 * login page started (a browser). The session names the key's id and is checked against the key on
 * every request, so revoking the key ends it. A browser without either is sent to the login page;
 * anything else is told 401, and a key of another role 403.
 */
export function requireAdmin({ services, clock, logger }: { services: Services; clock: Clock; logger: Logger }): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const presented = bearerKey(req.header('authorization'));
      let caller: Caller | null = null;
      let why: string = req.header('authorization') ? KEY_REFUSALS.invalid : `${KEY_REFUSALS.missing}, or sign in at /admin/login`;
      if (presented) {
        caller = await services.apiKeys.authenticate(presented);
      } else {
        const session = adminSession.read(req, clock.now());
        if (typeof session === 'object') {
          caller = await services.apiKeys.callerById(session.keyId);
          if (!caller) why = 'The key this session was started with has been revoked or has expired: sign in again';
        } else if (session === 'expired') {
          why = 'The session has ended (8 hours): sign in again';
        } else if (session === 'tampered') {
          logger.warn({ path: req.path }, 'admin: a session cookie with a bad signature was refused');
          why = 'The session cookie is not valid: sign in again';
        }
      }
      if (!caller) {
        if (wantsPage(req)) return res.redirect(303, `/admin/login?next=${encodeURIComponent(req.originalUrl)}`);
        res.setHeader('WWW-Authenticate', 'Bearer');
        return refuse(res, 401, 'UNAUTHENTICATED', why);
      }
      if (!(Access.admin as readonly string[]).includes(caller.role)) {
        return refuse(res, 403, 'FORBIDDEN', `The admin pages (queue dashboard, dev mailbox) need the role ${Access.admin.join(' or ')}; this key is ${caller.role}`);
      }
      (res.locals as AdminLocals).caller = caller;
      return next();
    } catch (err) {
      return next(err);
    }
  };
}

/** A person at a browser asking for a page (not the dashboard's own JSON calls). */
function wantsPage(req: Request): boolean {
  return req.method === 'GET' && req.accepts(['json', 'html']) === 'html';
}
