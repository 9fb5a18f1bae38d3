import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import cookieParser from 'cookie-parser';
import express, { Router, type Request, type Response } from 'express';
import { Access } from '../../auth/role';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { JobQueue } from '../../queue/job-queue';
import type { Services } from '../../services';
import { DEV_MAILBOX_PATH, devMailboxRoutes, onThisMachineOnly } from '../dev-mailbox.routes';
import { requireAdmin } from './admin-access';
import { adminSession } from './admin-session';
import { noExternalFonts } from './no-external-fonts';
import { LOGIN_PAGE_POLICY, loginPage } from './login-page';

type DashboardQueue = ConstructorParameters<typeof BullMQAdapter>[0];

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

interface Options {
  services: Services;
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
  /** The dev mailbox's folder, when configuration asks for it to be shown (DEV_MAILBOX). */
  devMailboxDir?: string;
}

/**
 * /admin: the job queue's dashboard (Bull Board) at /admin/queues for ADMIN keys, and the login
 * page that gives a browser an 8-hour session for one. The session cookie is signed with a key of
 * the service's own (signing_secret), so every API process accepts the sessions of the others.
 */
export async function adminRoutes({ services, jobs, clock, logger, devMailboxDir }: Options): Promise<Router> {
  const router = Router();
  router.use(cookieParser((await services.signingSecrets.get('admin-sessions')).toString('base64')));

  router.get('/login', (req, res) => showLogin(res, 200, { next: safeNext(req.query.next) }));
  router.post('/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req: Request, res: Response) => {
    const next = safeNext(req.body?.next);
    const key = typeof req.body?.key === 'string' ? req.body.key.trim() : '';
    const caller = key ? await services.apiKeys.authenticate(key) : null;
    if (!caller) return showLogin(res, 401, { next, problem: 'That key is not valid: unknown, revoked or expired.' });
    if (!(Access.admin as readonly string[]).includes(caller.role)) {
      return showLogin(res, 403, { next, problem: `That key is ${caller.role}; the dashboard needs an ADMIN key.` });
    }
    adminSession.start(req, res, caller.keyId, clock.now());
    logger.info({ key: caller.name }, 'admin: signed in to the dashboard');
    return res.redirect(303, next);
  });
  router.post('/logout', (req, res) => {
    adminSession.end(req, res);
    res.redirect(303, '/admin/login');
  });

  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    // The adapter is typed for a Redis queue; it reads either backend through the queue's getBackend().
    queues: [new BullMQAdapter(jobs.queueForDashboard() as unknown as DashboardQueue, { description: 'Recomputes, digests, mail and reports' })],
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'SEC jobs' } },
  });
  const adminsOnly = requireAdmin({ services, clock, logger });
  router.use(QUEUE_DASHBOARD_PATH.replace(/^\/admin/, ''), adminsOnly, noExternalFonts, board.getRouter());
  if (devMailboxDir) router.use(DEV_MAILBOX_PATH.replace(/^\/admin/, ''), onThisMachineOnly, adminsOnly, devMailboxRoutes(devMailboxDir, logger));
  return router;
}

function showLogin(res: Response, status: number, page: { next: string; problem?: string }) {
  res.setHeader('Content-Security-Policy', LOGIN_PAGE_POLICY);
  res.setHeader('Cache-Control', 'no-store');
  return res.status(status).type('html').send(loginPage(page));
}

/** Where to go after signing in: a page of /admin only, never another site (an open redirect). */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin\/[^/\\]/.test(next) && !next.includes('//') ? next : QUEUE_DASHBOARD_PATH;
}
