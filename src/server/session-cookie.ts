import type { CookieOptions, Request, Response } from 'express';

/**
 * A browser's session for an API key: a signed cookie (cookie-parser, with a secret of the
 * service's own, so every API process reads the others') holding the key's id and the session's
 * end, never the key. HttpOnly (no page script reads it), SameSite=Strict (no other site's page
 * sends it), Secure once the service is behind HTTPS. The key behind it is checked on every
 * request, so revoking the key ends the session at its next request.
 */
export type SessionRead = { keyId: string } | 'none' | 'tampered' | 'expired';

interface SessionValue {
  /** The API key's id. */
  k: string;
  /** When the session ends (ms since the epoch): signed with the id, so a browser cannot stretch it. */
  e: number;
}

export interface SessionCookie {
  start(req: Request, res: Response, keyId: string, now: Date): void;
  end(req: Request, res: Response): void;
  read(req: Request, now: Date): SessionRead;
  /** Whether the request carries the cookie at all (valid or not). */
  presented(req: Request): boolean;
}

export function sessionCookie({ name, path, lengthMs }: { name: string; path: string; lengthMs: number }): SessionCookie {
  const options = (req: Request): CookieOptions => ({ httpOnly: true, sameSite: 'strict', secure: req.secure, path, signed: true });
  return {
    start(req, res, keyId, now) {
      const value: SessionValue = { k: keyId, e: now.getTime() + lengthMs };
      res.cookie(name, value, { ...options(req), maxAge: lengthMs });
    },
    end(req, res) {
      res.clearCookie(name, options(req));
    },
    // cookie-parser has checked the signature: a changed cookie arrives as `false`, an unsigned one not at all.
    read(req, now) {
      const signed = (req.signedCookies as Record<string, unknown> | undefined)?.[name];
      if (signed === undefined) return req.cookies?.[name] === undefined ? 'none' : 'tampered';
      if (!isSessionValue(signed)) return 'tampered';
      return signed.e <= now.getTime() ? 'expired' : { keyId: signed.k };
    },
    presented(req) {
      return (req.signedCookies as Record<string, unknown> | undefined)?.[name] !== undefined || req.cookies?.[name] !== undefined;
    },
  };
}

function isSessionValue(value: unknown): value is SessionValue {
  return typeof value === 'object' && value !== null && typeof (value as SessionValue).k === 'string' && Number.isFinite((value as SessionValue).e);
}
