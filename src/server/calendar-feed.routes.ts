import { Router, type Request, type Response } from 'express';
import { createServiceContext } from '../common/service-context';
import type { RouteDeps } from './route-deps';

const TOKEN_FILE = /^(cal_[A-Za-z0-9_-]{20,64})\.ics$/;

/**
 * GET /calendar/{token}.ics: a calendar feed, for Outlook and Google Calendar, which send no
 * header a key could go in: the token in the URL is the credential. Unknown: 404; revoked, or
 * its key revoked or expired: 410, so that a calendar client stops asking.
 */
export function calendarFeedRoutes({ db, services, clock, logger, dueSoonWorkingDays }: RouteDeps): Router {
  const router = Router();
  router.get('/:file', async (req: Request, res: Response) => {
    const token = TOKEN_FILE.exec(String(req.params.file))?.[1];
    res.setHeader('Cache-Control', 'private, max-age=300');
    try {
      const found = token ? await services.calendarFeeds.byToken(db, token) : ({ refused: 'unknown' } as const);
      if ('refused' in found) {
        return found.refused === 'revoked'
          ? res.status(410).type('text/plain').send('This calendar feed was revoked, or the key that made it was: make a new one (createCalendarFeed).\n')
          : res.status(404).type('text/plain').send('No such calendar feed: check the URL, or make one (createCalendarFeed).\n');
      }
      const ctx = createServiceContext({ db, clock, logger, dueSoonWorkingDays, calendars: services.calendars });
      const body = await services.calendarFeeds.ics(ctx, found.feed);
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Content-Disposition', 'inline; filename="sec-modifications.ics"');
      return res.send(body);
    } catch (err) {
      logger.error({ err }, 'calendar feed failed');
      return res.status(500).type('text/plain').send('The calendar could not be read; the error is logged.\n');
    }
  });
  return router;
}
