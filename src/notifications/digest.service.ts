import type { EntityManager } from 'typeorm';
import { ASSESSMENT_FACT_COLUMNS } from '../assessments/assessment-facts.sql';
import { addDays, type LocalDate } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ServiceContext } from '../common/service-context';
import { buildDigest, type Digest, type DigestFacts, isEmptyDigest } from './digest';
import type { DigestSection } from './digest-section';
import { MessageKind } from './outbox-message.entity';
import type { OutboxService } from './outbox.service';
import type { RecipientGroup } from './recipient-group.entity';
import type { RecipientGroupService } from './recipient-group.service';
import { REFINING_PROPOSALS_SQL } from '../work-packages/refining-proposals.sql';
import { type RenderedMessage, renderDigest } from './templates/render-digest';
import { DIGEST_SCHEDULE_ID } from '../queue/job-contract';
import type { OwedJobs } from '../queue/owed-jobs';
import { scheduleRegisteredAt } from '../queue/schedule-registrations';
import { dueDigestDays } from './missed-digest-days';

type Queryable = Pick<EntityManager, 'query'>;

/** A firing has this long to decide its day before the sweep counts it lost (a queue busy at 07:00 is not a lost firing). */
const CATCH_UP_GRACE_MS = 15 * 60_000;
/** The sweep looks back over this many Working Days, no further: older mornings are history, not news. */
const CATCH_UP_WORKING_DAYS = 3;

export interface ComposedDigest {
  digest: Digest;
  message: RenderedMessage;
  /** The newest sla_transition when it was composed: the next digest's news come after it. */
  coveredTransitionId: string | null;
}

/** What a day's digest run decided. */
export interface DigestDayResult {
  day: LocalDate;
  /** Not a Working Day: nothing is sent, nothing recorded. */
  workingDay: boolean;
  /** Messages recorded now; groups already recorded for the day are not recorded again. */
  recorded: number;
  /** Enabled groups with nothing to say. */
  nothingToSay: number;
  /** Enabled groups whose digest for the day was recorded by an earlier run. */
  alreadyRecorded: number;
}

/**
 * The morning digest: what each recipient group is told on a day. `recordDay` decides and records
 * the day's messages in one transaction (the outbox); delivery is the send jobs' business.
 */
export class DigestService {
  constructor(private readonly groups: RecipientGroupService, private readonly outbox: OutboxService, private readonly owed: OwedJobs) {}

  /**
   * What a group would get on a day, without sending or recording; null when it would get nothing
   * (not a Working Day, or nothing to say).
   */
  async preview(ctx: ServiceContext, groupName: string, day: LocalDate): Promise<ComposedDigest | null> {
    const group = await this.groups.require(ctx, groupName);
    const calendar = await ctx.calendar();
    if (!calendar.isWorkingDay(day)) return null;
    return this.compose(ctx.db, group, day, calendar, ctx.dueSoonWorkingDays);
  }

  /**
   * Records the day's digest for every enabled group with something to say, in one transaction,
   * each under its deduplication key: a second run of the same day (a retry, another worker, an
   * admin's replay) records nothing new. Holds a lock per day so two runs never compose at once.
   */
  async recordDay(ctx: ServiceContext, day: LocalDate): Promise<DigestDayResult> {
    const calendar = await ctx.calendar();
    const result: DigestDayResult = { day, workingDay: calendar.isWorkingDay(day), recorded: 0, nothingToSay: 0, alreadyRecorded: 0 };
    if (!result.workingDay) return result;
    await ctx.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`sla-digest:${day}`]);
      for (const group of await this.groups.enabled(tx)) {
        const key = this.outbox.deduplicationKey(MessageKind.SLA_DIGEST, group.id, day);
        if (await this.outbox.isRecorded(tx, key)) {
          result.alreadyRecorded += 1;
          continue;
        }
        const composed = await this.compose(tx, group, day, calendar, ctx.dueSoonWorkingDays);
        if (!composed) {
          result.nothingToSay += 1;
          continue;
        }
        await this.outbox.record(tx, {
          kind: MessageKind.SLA_DIGEST, key, group, day, message: composed.message, coveredTransitionId: composed.coveredTransitionId,
        });
        result.recorded += 1;
      }
      // The day is decided, with its messages or with nothing to say: no sweep catches it up again.
      await tx.query(`INSERT INTO digest_day (day) VALUES ($1) ON CONFLICT DO NOTHING`, [day]);
    });
    ctx.logger.info(result, 'digests decided');
    return result;
  }

  /**
   * The sweep's part for the digests: a Working Day of the last few whose morning firing was lost
   * (a queue that restarted empty at 07:00, a worker down all morning) and whose digests were never
   * decided gets a digest run owed now, once. The outbox's keys still make each group's message
   * for a day one message, ever. Returns the days owed.
   */
  async catchUp(ctx: ServiceContext, digestCron: string): Promise<LocalDate[]> {
    const since = await scheduleRegisteredAt(ctx.db, DIGEST_SCHEDULE_ID);
    if (!since) return [];
    const due = dueDigestDays({
      cron: digestCron, since, now: ctx.clock.now(), graceMs: CATCH_UP_GRACE_MS, workingDays: CATCH_UP_WORKING_DAYS, calendar: await ctx.calendar(),
    });
    if (due.length === 0) return [];
    return ctx.db.transaction(async (tx) => {
      // Two sweeps at once owe each day once.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('sla-digest:catch-up'))`);
      const missed: Array<{ day: LocalDate }> = await tx.query(
        `SELECT d::date::text AS day FROM unnest($1::date[]) AS d
          WHERE NOT EXISTS (SELECT 1 FROM digest_day WHERE day = d)
            AND NOT EXISTS (SELECT 1 FROM owed_job WHERE dedup_key = 'sla-digest:' || d::date::text AND settled_at IS NULL)
          ORDER BY d`,
        [due],
      );
      for (const { day } of missed) await this.owed.owe(tx, 'sla-digest', { day, reason: 'catch-up' });
      if (missed.length) ctx.logger.warn({ days: missed.map((m) => m.day) }, "morning digests whose scheduled firing was lost: owed now");
      return missed.map((m) => m.day);
    });
  }

  private async compose(db: Queryable, group: RecipientGroup, day: LocalDate, calendar: WorkingCalendar, dueSoonWorkingDays: number): Promise<ComposedDigest | null> {
    const last = await lastDigest(db, group.id, day);
    const window: ChangeWindow = {
      since: last?.day ?? calendar.addWorkingDays(day, -1),
      afterTransitionId: last?.coveredTransitionId ?? null,
      // Read first: a recompute that commits while this digest is composed is the next one's news.
      upToTransitionId: (await db.query(`SELECT max(id)::text AS id FROM sla_transition`))[0]?.id ?? null,
    };
    const facts = await loadDigestFacts(db, day, window, group.sections);
    const digest = buildDigest(facts, {
      group: group.name, day, since: window.since, afterTransitionId: window.afterTransitionId, sections: group.sections, calendar, dueSoonWorkingDays,
    });
    if (isEmptyDigest(digest)) return null;
    return { digest, message: await renderDigest(digest), coveredTransitionId: window.upToTransitionId };
  }
}

interface ChangeWindow {
  since: LocalDate;
  afterTransitionId: string | null;
  upToTransitionId: string | null;
}

/** The group's last digest before `day`: its changes are news from the day after, or once recorded after it. */
async function lastDigest(db: Queryable, groupId: string, day: LocalDate): Promise<{ day: LocalDate; coveredTransitionId: string | null } | null> {
  const [row] = await db.query(
    `SELECT day::text AS day, covered_transition_id::text AS "coveredTransitionId" FROM outbox_message
      WHERE group_id = $1 AND kind = $2 AND day < $3 ORDER BY day DESC LIMIT 1`,
    [groupId, MessageKind.SLA_DIGEST, day],
  );
  return row ?? null;
}

/**
 * The facts a digest needs, read in a few statements. The SQL only narrows by generous calendar
 * windows; the pure `buildDigest` applies the Working Day rules.
 */
async function loadDigestFacts(db: Queryable, day: LocalDate, window: ChangeWindow, sections: readonly DigestSection[]): Promise<DigestFacts> {
  // The transitions of the window: on days after `since`, or recorded after the last digest's; none past `upTo`.
  const inWindow = `on_day <= $1::date AND id <= coalesce($4::bigint, 0) AND (on_day > $2::date OR id > coalesce($3::bigint, $4::bigint, 0))`;
  const windowParams = [day, window.since, window.afterTransitionId, window.upToTransitionId];
  const wants = (s: string) => sections.includes(s as DigestSection);
  const needsAssessments = wants('CHANGES') || wants('ASSESSMENTS');
  // One statement at a time: `db` may be a transaction's single connection.
  const assessments = needsAssessments
    ? await db.query(
        `SELECT ${ASSESSMENT_FACT_COLUMNS}
           FROM assessment a JOIN modification m ON m.id = a.modification_id
          WHERE (a.returned_on IS NULL OR a.returned_on > $1::date)
             OR a.id IN (SELECT assessment_id FROM sla_transition WHERE ${inWindow})`,
        windowParams,
      )
    : [];
  const transitions = wants('CHANGES')
    ? await db.query(
        `SELECT id::text, assessment_id AS "assessmentId", on_day::text AS "onDay", from_status AS "from", to_status AS "to"
           FROM sla_transition WHERE ${inWindow} ORDER BY id`,
        windowParams,
      )
    : [];
  const consultations = wants('CONSULTATIONS')
    ? await db.query(
        `SELECT m.reference, m.title, c.kind, c.opens_on::text AS "opensOn", c.closes_on::text AS "closesOn"
           FROM consultation c JOIN modification m ON m.id = c.modification_id
          WHERE c.opens_on BETWEEN $1::date AND $2::date OR c.closes_on BETWEEN $1::date AND $2::date`,
        // 5 Working Days never span more than a month, whatever the holidays.
        [day, addDays(day, 31)],
      )
    : [];
  const workingGroups = wants('MEETING_DEADLINES')
    ? await db.query(
        `SELECT mt.meeting_on::text AS date,
                coalesce(array_agg(m.reference ORDER BY ai.position) FILTER (WHERE m.id IS NOT NULL), '{}') AS agenda
           FROM meeting mt
           LEFT JOIN agenda_item ai ON ai.meeting_id = mt.id
           LEFT JOIN modification m ON m.id = ai.modification_id
          WHERE mt.body = 'WORKING_GROUP' AND (mt.cancelled_on IS NULL OR mt.cancelled_on > $1::date) AND mt.meeting_on BETWEEN $1::date AND $2::date
          GROUP BY mt.id`,
        [day, addDays(day, 62)],
      )
    : [];
  const refining = wants('REFINEMENT') ? await db.query(REFINING_PROPOSALS_SQL, [day]) : [];
  return {
    assessments,
    transitions: transitions as DigestFacts['transitions'],
    consultations,
    workingGroups,
    refining,
  };
}
