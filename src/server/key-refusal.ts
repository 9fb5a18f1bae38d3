import type { Request, Response } from 'express';
import type { Caller } from '../auth/api-key.service';
import { KEY_REFUSALS } from '../auth/key-refusals';
import { Access } from '../auth/role';
import type { Services } from '../services';
import { identityFor } from './rate-limit';

/** A refusal in the API's words: JSON with the same codes as the GraphQL errors. */
export const refuse = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

/**
 * The caller of a download that needs a key which may read (`Authorization: Bearer`), or null
 * once the refusal (401 without a valid key, 403 for a role that may not read) has been sent.
 */
export async function readerOrRefuse(req: Request, res: Response, services: Services, what: string, otherwise = ''): Promise<Caller | null> {
  const { caller, outage } = await identityFor(req, res, services);
  if (outage) {
    refuse(res, 503, 'UNAVAILABLE', 'The service cannot reach its database just now: try again shortly');
    return null;
  }
  if (!caller) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    refuse(res, 401, 'UNAUTHENTICATED', req.header('authorization') ? KEY_REFUSALS.invalid : `${KEY_REFUSALS.missing}${otherwise}`);
    return null;
  }
  if (!(Access.read as readonly string[]).includes(caller.role)) {
    refuse(res, 403, 'FORBIDDEN', `Reading ${what} needs the role ${Access.read.join(' or ')}`);
    return null;
  }
  return caller;
}
