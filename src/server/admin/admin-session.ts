import type { CookieOptions, Request, Response } from 'express';

/** The cookie the login page sets: the key's id and the session's end, signed (cookie-parser), never the key. */
export const ADMIN_SESSION_COOKIE = 'sec_admin_session';

/** A working day at a desk; then the admin pastes the key again. */
export const ADMIN_SESSION_MS = 8 * 60 * 60 * 1000;

interface SessionValue {
  /** The API key's id. */
  k: string;
  /** When the session ends (ms since the epoch): signed with the id, so a browser cannot stretch it. */
  e: number;
}

export type SessionRead = { keyId: string } | 'none' | 'tampered' | 'expired';

/** Only over HTTPS once the service is behind it; /admin only; never readable by a page's script. */
const options = (req: Request): CookieOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  secure: req.secure,
  path: '/admin',
  signed: true,
});

export function startAdminSession(req: Request, res: Response, keyId: string, now: Date): void {
  const value: SessionValue = { k: keyId, e: now.getTime() + ADMIN_SESSION_MS };
  res.cookie(ADMIN_SESSION_COOKIE, value, { ...options(req), maxAge: ADMIN_SESSION_MS });
}

export function endAdminSession(req: Request, res: Response): void {
  res.clearCookie(ADMIN_SESSION_COOKIE, options(req));
}

/**
 * The session a request presents. cookie-parser has checked the signature: a cookie whose value
 * or signature was changed arrives as `false`, an unsigned one not at all.
 */
export function readAdminSession(req: Request, now: Date): SessionRead {
  const signed = (req.signedCookies as Record<string, unknown> | undefined)?.[ADMIN_SESSION_COOKIE];
  if (signed === undefined) return req.cookies?.[ADMIN_SESSION_COOKIE] === undefined ? 'none' : 'tampered';
  if (!isSessionValue(signed)) return 'tampered';
  return signed.e <= now.getTime() ? 'expired' : { keyId: signed.k };
}

function isSessionValue(value: unknown): value is SessionValue {
  return typeof value === 'object' && value !== null && typeof (value as SessionValue).k === 'string' && Number.isFinite((value as SessionValue).e);
}
