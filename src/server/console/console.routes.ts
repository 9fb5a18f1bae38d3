import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { Services } from '../../services';
import { refuse } from '../key-refusal';
import { CONSOLE_HEADER, consoleSession } from './console-session';
import { CONSOLE_POLICY, consoleShell } from './console-shell';
import { PREVIEW_FRAME_PAGE, PREVIEW_FRAME_POLICY } from './preview-frame';

/** The addresses of the console's pages: each answers with the app, which draws the page. */
export const CONSOLE_PAGES = ['/', '/sign-in', '/register', '/board', '/papers', '/meetings', '/mail', '/keys', '/holidays', '/audit', '/consultations', '/proposals/:reference'];

const ASSETS = '/console/assets';

/**
 * The console: its pages, its built script and styles (`npm run build:console` writes them to
 * `consoleDir`), and its session. Signing in takes a key (JSON, with the console's header) and
 * answers the key's name and role; the cookie it sets holds the key's id, never the key.
 */
export function consoleRoutes({ services, clock, logger, consoleDir, cookies, signInLimit }: {
  services: Services; clock: Clock; logger: Logger; consoleDir: string; cookies: RequestHandler; signInLimit: RequestHandler;
}): Router {
  const router = Router();
  const built = () => existsSync(path.join(consoleDir, 'app.js'));

  router.get(CONSOLE_PAGES, (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!built()) return res.status(503).type('text').send('The console is not built: run "npm run build:console" (npm start and npm run demo run it).');
    res.setHeader('Content-Security-Policy', CONSOLE_POLICY);
    return res.type('html').send(consoleShell({ script: `${ASSETS}/app.js`, styles: `${ASSETS}/app.css` }));
  });
  router.get('/console/preview-frame', (_req: Request, res: Response) => {
    res.setHeader('Content-Security-Policy', PREVIEW_FRAME_POLICY);
    res.setHeader('Cache-Control', 'no-store');
    return res.type('html').send(PREVIEW_FRAME_PAGE);
  });
  router.use(ASSETS, express.static(consoleDir, { fallthrough: false, index: false, maxAge: 0, etag: true }));

  router.post('/console/session', signInLimit, cookies, express.json({ limit: '4kb' }), async (req: Request, res: Response) => {
    if (req.header(CONSOLE_HEADER) !== '1') return refuse(res, 403, 'FORBIDDEN', `Sign in from the console: the request must carry "${CONSOLE_HEADER}: 1"`);
    const key = typeof req.body?.key === 'string' ? req.body.key.trim() : '';
    if (!key) return refuse(res, 400, 'BAD_USER_INPUT', 'Paste your API key to sign in');
    const caller = await services.apiKeys.authenticate(key);
    if (!caller) return refuse(res, 401, 'UNAUTHENTICATED', 'That key is not valid: unknown, revoked or expired');
    consoleSession.start(req, res, caller.keyId, clock.now());
    logger.info({ key: caller.name, role: caller.role }, 'console: signed in');
    return res.json({ name: caller.name, role: caller.role });
  });
  router.post('/console/session/end', cookies, (req: Request, res: Response) => {
    if (req.header(CONSOLE_HEADER) !== '1') return refuse(res, 403, 'FORBIDDEN', `Sign out from the console: the request must carry "${CONSOLE_HEADER}: 1"`);
    consoleSession.end(req, res);
    return res.status(204).end();
  });
  return router;
}
