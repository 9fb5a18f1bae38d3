import { type EntityManager, Not } from 'typeorm';
import { addMonthsToYearMonth, firstDayOfMonth, isYearMonth, lastDayOfMonth, type LocalDate, type YearMonth, yearMonthOf } from '../calendar/local-date';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import { DigestSection } from '../notifications/digest-section';
import { MessageKind } from '../notifications/outbox-message.entity';
import type { OutboxService } from '../notifications/outbox.service';
import type { RecipientGroupService } from '../notifications/recipient-group.service';
import type { OwedJobs } from '../queue/owed-jobs';
import type { ReportDocument } from './document/report-document';
import { renderReportEmail } from './report-email';
import { reportFileName } from './report-links';
import { composeReport } from './compose';
import { defaultReportDate } from './report-date';
import { Report, ReportStatus } from './report.entity';
import { panelOf } from './report-facts';
import { dayWithinTheRegister, monthWithinTheRegister } from '../register-rules/rules';
import { registerSpan } from '../register-rules/register-facts.sql';
import { monthName, type ReportFrame } from './report-frame';
import { renderHtml } from './render/html';
import { renderMarkdown } from './render/markdown';
import { renderPdf } from './render/pdf';

/**
 * The Change Status Report's versions: a request records a QUEUED version and queues its build
 * after commit; the build moves it to RUNNING, then READY or FAILED. Older versions stay.
 */
export interface ScheduledRun {
  period: YearMonth;
  /** The month's report date by the schedule's rule. */
  dueOn: LocalDate;
  outcome: 'not-yet' | 'already-scheduled' | 'queued';
  reportId?: string;
}

export class ReportService {
  constructor(
    private readonly owed: OwedJobs,
    private readonly groups: RecipientGroupService,
    private readonly outbox: OutboxService,
  ) {}

  async find(ctx: ServiceContext, id: string): Promise<Report | null> {
    return isId(id) ? ctx.db.getRepository(Report).findOneBy({ id }) : null;
  }

  /** Newest first: a period's versions, or every report. */
  async list(ctx: ServiceContext, period?: string | null): Promise<Report[]> {
    if (period) checkPeriod(period);
    return ctx.db.getRepository(Report).find({ where: period ? { period } : {}, order: { period: 'DESC', version: 'DESC' } });
  }

  /**
   * A new version of a month's report, dated `asOf` or by the default rule. Two requests for the
   * same period and date while one is queued make one build: the second gets the first. The
   * schedule's request (`scheduled`) is made once per month, ever; it adopts an admin's build
   * of the same date still queued rather than build the same paper twice.
   */
  async request(ctx: ServiceContext, period: string, asOf?: LocalDate | null, options: { scheduled?: boolean } = {}): Promise<Report> {
    checkPeriod(period);
    const span = await registerSpan(ctx.db, ctx.clock.today());
    monthWithinTheRegister('period', period, span);
    if (asOf) dayWithinTheRegister('asOf', asOf, span);
    const scheduled = options.scheduled ?? false;
    const date = asOf ?? (await this.defaultDate(ctx, period));
    const { report, created } = await ctx.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`report:${period}`]);
      const repo = tx.getRepository(Report);
      if (scheduled) {
        const done = await repo.findOneBy({ period, scheduled: true, status: Not(ReportStatus.FAILED) });
        if (done) return { report: done, created: false };
      }
      const queued = await repo.findOneBy({ period, asOf: date, status: ReportStatus.QUEUED });
      if (queued) {
        if (scheduled) await repo.update({ id: queued.id }, { scheduled: true });
        return { report: { ...queued, scheduled: queued.scheduled || scheduled }, created: false };
      }
      const [{ next }] = await tx.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM report WHERE period = $1`, [period]);
      const saved = await repo.save(repo.create({
        period, version: next, asOf: date, status: ReportStatus.QUEUED, requestedAt: new Date(), scheduled,
        startedAt: null, completedAt: null, markdown: null, html: null, error: null,
      }));
      // Owed with the version it builds: queued after commit, or once the queue answers.
      await this.owed.owe(tx, 'report-build', { reportId: saved.id });
      return { report: saved, created: true };
    });
    if (created) await this.owed.dispatchSoon(ctx.db, ctx.logger);
    return report;
  }

  /**
   * Withdraws a version built in error: it stays readable, listed as withdrawn, and is never
   * circulated (its messages not yet sent are failed with the reason; a build still to run
   * builds nothing). Withdrawing it again is refused.
   */
  async withdraw(ctx: ServiceContext, id: string, reason: string): Promise<Report> {
    const why = reason.trim();
    if (!why) throw new InvalidInputError('Say why the version is withdrawn (reason)');
    return ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(Report);
      const report = isId(id) ? await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!report) throw new NotFoundError('Report', id);
      if (report.withdrawnAt) throw new InvalidInputError(`Version ${report.version} of ${report.period} was withdrawn already, at ${report.withdrawnAt.toISOString()}`);
      await tx.query(
        `UPDATE outbox_message SET state = 'FAILED', in_doubt_since = NULL, updated_at = now(), last_error = $2
          WHERE report_id = $1 AND state IN ('PENDING', 'IN_DOUBT')`,
        [id, `Not sent: the report was withdrawn (${why})`],
      );
      Object.assign(report, { withdrawnAt: new Date(), withdrawnReason: why });
      return repo.save(report);
    });
  }

  /**
   * Builds one version: RUNNING, then READY with its formats, or FAILED with the reason (thrown
   * on for the job to record). A version already READY or FAILED, or withdrawn, is left as it is.
   */
  async build(ctx: ServiceContext, id: string, onProgress: (percent: number, step: string) => Promise<void>): Promise<Report> {
    const repo = ctx.db.getRepository(Report);
    const report = await repo.findOneBy({ id });
    if (!report) throw new InvalidInputError(`Report ${id} does not exist`);
    if (report.status === ReportStatus.READY || report.status === ReportStatus.FAILED || report.withdrawnAt) return report;
    await repo.update({ id }, { status: ReportStatus.RUNNING, startedAt: new Date() });
    try {
      const frame = await this.frameOf(ctx, report);
      // One snapshot of the register for every section: a change committed mid-build is in none or all.
      const document = await ctx.db.transaction('REPEATABLE READ', async (tx) => {
        await tx.query('SET TRANSACTION READ ONLY');
        return composeReport(tx, frame, (done, of, label) => onProgress(Math.round((70 * done) / of), `${label} written`));
      });
      await onProgress(75, 'rendering Markdown and HTML');
      const markdown = renderMarkdown(document);
      const html = renderHtml(document);
      await onProgress(85, 'rendering the PDF');
      const pdf = await renderPdf(document);
      // READY and its circulation commit together: a crash cannot leave one without the other.
      const circulated = await ctx.db.transaction(async (tx) => {
        // Withdrawn while it was built: READY to read, never circulated.
        const [{ withdrawn }] = await tx.query(`SELECT withdrawn_at IS NOT NULL AS withdrawn FROM report WHERE id = $1 FOR UPDATE`, [id]);
        await tx.getRepository(Report).update({ id }, { status: ReportStatus.READY, markdown, html, pdf, completedAt: new Date(), error: null });
        return report.scheduled && !withdrawn ? this.recordCirculation(tx, report, document) : [];
      });
      await onProgress(100, circulated.length ? `ready; sent to ${circulated.length} recipient group(s)` : 'ready');
      // After commit; should this enqueue fail, the outbox sweep sends them.
      await this.outbox.queueDelivery(circulated).catch((err) => ctx.logger.warn({ err }, 'report circulation: left to the outbox sweep'));
    } catch (err) {
      await repo.update({ id }, { status: ReportStatus.FAILED, completedAt: new Date(), error: (err as Error).message.slice(0, 2_000) });
      throw err;
    }
    return (await repo.findOneBy({ id }))!;
  }

  /**
   * The monthly schedule (REPORT_CRON, 06:00): on or after the month's report date, build the
   * month's paper once and circulate it. Before that date, nothing. A worker that was down on the
   * day catches up at its next run, and so does a scheduled build that FAILED.
   */
  async runSchedule(ctx: ServiceContext, day: LocalDate): Promise<ScheduledRun> {
    const period = yearMonthOf(day);
    // The schedule's date ignores "today if earlier": it waits for the papers deadline or the month's last Working Day.
    const dueOn = await this.defaultDate(ctx, period, lastDayOfMonth(period));
    if (day < dueOn) return { period, dueOn, outcome: 'not-yet' };
    // A scheduled build that FAILED does not count: this run tries again (the paper is still owed).
    const existing = await ctx.db.getRepository(Report).findOneBy({ period, scheduled: true, status: Not(ReportStatus.FAILED) });
    if (existing) return { period, dueOn, outcome: 'already-scheduled', reportId: existing.id };
    const report = await this.request(ctx, period, dueOn, { scheduled: true });
    return { period, dueOn, outcome: 'queued', reportId: report.id };
  }

  /** One message per enabled group that receives the report, with the PDF to attach; returns their ids. */
  private async recordCirculation(tx: EntityManager, report: Report, document: ReportDocument): Promise<string[]> {
    const groups = (await this.groups.enabled(tx)).filter((g) => g.sections.includes(DigestSection.CHANGE_STATUS_REPORT));
    const message = await renderReportEmail(document, reportFileName(report.period, report.version, 'pdf'));
    const ids: string[] = [];
    for (const group of groups) {
      // Keyed by period: one paper a month reaches a group, whatever rebuilds follow.
      const key = `${MessageKind.CHANGE_STATUS_REPORT}:${group.id}:${report.period}`;
      await this.outbox.record(tx, { kind: MessageKind.CHANGE_STATUS_REPORT, key, group, day: report.asOf, message, coveredTransitionId: null, reportId: report.id });
      const [row] = await tx.query(`SELECT id FROM outbox_message WHERE deduplication_key = $1 AND report_id = $2`, [key, report.id]);
      if (row) ids.push(row.id);
    }
    return ids;
  }

  private async frameOf(ctx: ServiceContext, report: Report): Promise<ReportFrame> {
    const previous = addMonthsToYearMonth(report.period, -1);
    return {
      period: report.period, version: report.version, asOf: report.asOf, previous,
      periodLabel: monthName(report.period), previousLabel: monthName(previous),
      panel: await panelOf(ctx.db, report.period), calendar: await ctx.calendar(),
    };
  }

  private async defaultDate(ctx: ServiceContext, period: YearMonth, today = ctx.clock.today()): Promise<LocalDate> {
    const panels: Array<{ date: string }> = await ctx.db.query(
      `SELECT meeting_on::text AS date FROM meeting WHERE body = 'PANEL' AND cancelled_on IS NULL AND meeting_on BETWEEN $1 AND $2`,
      [firstDayOfMonth(period), lastDayOfMonth(period)],
    );
    return defaultReportDate(period, panels.map((p) => p.date), await ctx.calendar(), today);
  }
}

function checkPeriod(period: string): asserts period is YearMonth {
  if (!isYearMonth(period)) throw new InvalidInputError(`period must be a month as YYYY-MM, e.g. 2021-04; got ${JSON.stringify(period)}`);
}
