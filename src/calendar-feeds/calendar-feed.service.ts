import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createEvents } from 'ics';
import { Role } from '../auth/role';
import { addDays } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { ForbiddenError, InvalidInputError, NotFoundError, UnauthenticatedError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import { ASSESSMENT_FACT_COLUMNS } from '../assessments/assessment-facts.sql';
import { AGENDA_DEADLINE_WORKING_DAYS, PAPERS_DEADLINE_WORKING_DAYS } from '../meetings/meeting.enums';
import { targetCompletionOn } from '../sla/sla-calculator';
import { CalendarFeed } from './calendar-feed.entity';
import { type FeedFacts, feedEvents } from './feed-events';

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A feed shows a year back: enough for "when did we last meet", without every meeting since 2013. */
const DAYS_BACK = 366;

/** The feed a token opens (what its calendar needs of it), or why it opens none. */
export type FeedLookup = { feed: Pick<CalendarFeed, 'id' | 'name'> } | { refused: 'unknown' | 'revoked' };

export class CalendarFeedService {
  /** Makes a feed owned by the caller's key; the token is in the answer's path and nowhere else. */
  async create(ctx: ServiceContext, name: string): Promise<{ feed: CalendarFeed; path: string }> {
    if (!ctx.caller) throw new UnauthenticatedError('A calendar feed belongs to a key: send one');
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200) throw new InvalidInputError('name must be 1 to 200 characters, e.g. "Panel meetings (Outlook)"', { field: 'name' });
    const token = `cal_${randomBytes(24).toString('base64url')}`;
    const repo = ctx.db.getRepository(CalendarFeed);
    const feed = await repo.save(repo.create({ name: trimmed, tokenHash: hashToken(token), apiKeyId: ctx.caller.keyId }));
    return { feed, path: `/calendar/${token}.ics` };
  }

  /** The caller's own feeds; an admin sees everyone's. */
  list(ctx: ServiceContext): Promise<CalendarFeed[]> {
    if (!ctx.caller) throw new UnauthenticatedError('Send a key to list its calendar feeds');
    const where = ctx.caller.role === Role.ADMIN ? {} : { apiKeyId: ctx.caller.keyId };
    return ctx.db.getRepository(CalendarFeed).find({ where, order: { createdAt: 'ASC' } });
  }

  /** Stops a feed at once; its owner or an admin may. */
  async revoke(ctx: ServiceContext, id: string): Promise<CalendarFeed> {
    if (!ctx.caller) throw new UnauthenticatedError('Send a key to revoke a calendar feed');
    const repo = ctx.db.getRepository(CalendarFeed);
    const feed = isId(id) ? await repo.findOneBy({ id }) : null;
    if (!feed) throw new NotFoundError('Calendar feed', id);
    if (feed.apiKeyId !== ctx.caller.keyId && ctx.caller.role !== Role.ADMIN) {
      throw new ForbiddenError('Only the key that made a calendar feed, or an admin, may revoke it');
    }
    if (!feed.revokedAt) {
      feed.revokedAt = ctx.clock.now();
      await repo.save(feed);
    }
    return feed;
  }

  /** The feed behind a token, while neither it nor its key is revoked, and the key has not expired. */
  async byToken(db: DataSource, token: string): Promise<FeedLookup> {
    const [row] = await db.query(
      `SELECT f.id, f.name, f.revoked_at IS NOT NULL OR k.revoked_at IS NOT NULL OR (k.expires_at IS NOT NULL AND k.expires_at <= now()) AS stopped
         FROM calendar_feed f JOIN api_key k ON k.id = f.api_key_id WHERE f.token_hash = $1`,
      [hashToken(token)],
    );
    if (!row) return { refused: 'unknown' };
    if (row.stopped) return { refused: 'revoked' };
    return { feed: { id: row.id, name: row.name } };
  }

  /** The feed as iCalendar text: meetings and their deadlines, consultation windows, open assessments' targets. */
  async ics(ctx: ServiceContext, feed: Pick<CalendarFeed, 'name'>): Promise<string> {
    const facts = await this.facts(ctx.db, await ctx.calendar(), addDays(ctx.clock.today(), -DAYS_BACK));
    const { error, value } = createEvents(feedEvents(facts), { productId: 'sec-modification-tracker', method: 'PUBLISH', calName: feed.name });
    if (error || !value) throw error ?? new Error('the calendar could not be written');
    return value;
  }

  private async facts(db: DataSource, calendar: WorkingCalendar, from: string): Promise<FeedFacts> {
    const [meetings, consultations, assessments] = await Promise.all([
      db.query(
        `SELECT m.id, m.body, m.meeting_on::text AS date, m.title, m.version, m.cancelled_on IS NOT NULL AS cancelled, m.cancellation_reason AS "cancellationReason",
                coalesce(json_agg(json_build_object('reference', mo.reference, 'title', mo.title) ORDER BY ai.position)
                         FILTER (WHERE mo.id IS NOT NULL), '[]') AS agenda
           FROM meeting m LEFT JOIN agenda_item ai ON ai.meeting_id = m.id LEFT JOIN modification mo ON mo.id = ai.modification_id
          WHERE m.meeting_on >= $1 GROUP BY m.id ORDER BY m.meeting_on, m.body`,
        [from],
      ),
      db.query(
        `SELECT c.id, c.kind, mo.reference, mo.title, c.opens_on::text AS "opensOn", c.closes_on::text AS "closesOn", c.version
           FROM consultation c JOIN modification mo ON mo.id = c.modification_id
          WHERE coalesce(c.closes_on, c.opens_on) >= $1 ORDER BY c.opens_on, mo.reference`,
        [from],
      ),
      db.query(
        `SELECT ${ASSESSMENT_FACT_COLUMNS}, a.version FROM assessment a JOIN modification m ON m.id = a.modification_id
          WHERE a.returned_on IS NULL AND a.accepted_on IS NOT NULL ORDER BY m.reference, a.type`,
      ),
    ]);
    return {
      meetings: meetings.map((m: FeedFacts['meetings'][number]) => ({
        ...m,
        agendaDeadline: calendar.addWorkingDays(m.date, -AGENDA_DEADLINE_WORKING_DAYS),
        papersDeadline: calendar.addWorkingDays(m.date, -PAPERS_DEADLINE_WORKING_DAYS),
      })),
      consultations,
      targets: assessments.flatMap((a: FeedFacts['targets'][number] & Parameters<typeof targetCompletionOn>[0]) => {
        const targetOn = targetCompletionOn(a, calendar);
        return targetOn ? [{ ...a, targetOn }] : [];
      }),
    };
  }
}
