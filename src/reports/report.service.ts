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
import { defaultFrame, type PaperDefaults, type PaperFrame, panelNumber } from './paper/paper-frame';
import { PaperKind } from './paper/paper-kind';
import { composeTimetables } from './timetables/compose-timetables';

/**
 * The Panel papers' versions (the Change Status Report, the Modification Timetables): a request
 * records a QUEUED version and queues its build after commit; the build moves it to RUNNING,
 * then READY or FAILED. Older versions stay.
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
    private readonly paperDefaults: PaperDefaults,
  ) {}

  async find(ctx: ServiceContext, id: string): Promise<Report | null> {
    return isId(id) ? ctx.db.getRepository(Report).findOneBy({ id }) : null;
  }

  /** Newest first: a period's versions, or every paper's; of one kind if given. */
  async list(ctx: ServiceContext, period?: string | null, kind?: PaperKind | null): Promise<Report[]> {
    if (period) checkPeriod(period);
    return ctx.db.getRepository(Report).find({
      where: { ...(period ? { period } : {}), ...(kind ? { kind } : {}) },
      order: { period: 'DESC', kind: 'ASC', version: 'DESC' },
    });
  }

  /**
   * A new version of a month's report, dated `asOf` or by the default rule. Two requests for the
   * same period and date while one is queued make one build: the second gets the first. The
   * schedule's request (`scheduled`) is made once per month, ever; it adopts an admin's build
   * of the same date still queued rather than build the same paper twice.
   */
  async request(ctx: ServiceContext, period: string, asOf?: LocalDate | null, options: { scheduled?: boolean; kind?: PaperKind } = {}): Promise<Report> {
    checkPeriod(period);
    const kind = options.kind ?? PaperKind.CHANGE_STATUS_REPORT;
    const span = await registerSpan(ctx.db, ctx.clock.today());
    monthWithinTheRegister('period', period, span);
    if (asOf) dayWithinTheRegister('asOf', asOf, span);
    const scheduled = options.scheduled ?? false;
    const date = asOf ?? (await this.defaultDate(ctx, period));
    const { report, created } = await ctx.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`report:${kind}:${period}`]);
      const repo = tx.getRepository(Report);
      if (scheduled) {
        const done = await repo.findOneBy({ kind, period, scheduled: true, status: Not(ReportStatus.FAILED) });
        if (done) return { report: done, created: false };
      }
      const queued = await repo.findOneBy({ kind, period, asOf: date, status: ReportStatus.QUEUED });
      if (queued) {
        if (scheduled) await repo.update({ id: queued.id }, { scheduled: true });
        return { report: { ...queued, scheduled: queued.scheduled || scheduled }, created: false };
      }
      const [{ next }] = await tx.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM report WHERE kind = $1 AND period = $2`, [kind, period]);
      const frame = defaultFrame(kind, await panelOf(tx, period), this.paperDefaults);
      const saved = await repo.save(repo.create({
        kind, period, version: next, asOf: date, status: ReportStatus.QUEUED, requestedAt: new Date(), scheduled,
        startedAt: null, completedAt: null, markdown: null, html: null, error: null, ...frame,
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
        const compose = report.kind === PaperKind.MODIFICATION_TIMETABLES ? composeTimetables : composeReport;
        return compose(tx, frame, (done, of, label) => onProgress(Math.round((70 * done) / of), `${label} written`));
      });
      const { markdown, html, pdf } = await renderAll(document, (percent, step) => onProgress(percent, step));
      // READY and its circulation commit together: a crash cannot leave one without the other.
      const circulated = await ctx.db.transaction(async (tx) => {
        // Withdrawn while it was built: READY to read, never circulated.
        const [{ withdrawn }] = await tx.query(`SELECT withdrawn_at IS NOT NULL AS withdrawn FROM report WHERE id = $1 FOR UPDATE`, [id]);
        await tx.getRepository(Report).update({ id }, { status: ReportStatus.READY, markdown, html, pdf, document: document as never, completedAt: new Date(), error: null });
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
  async runSchedule(ctx: ServiceContext, day: LocalDate, kind = PaperKind.CHANGE_STATUS_REPORT): Promise<ScheduledRun> {
    const period = yearMonthOf(day);
    // The schedule's date ignores "today if earlier": it waits for the papers deadline or the month's last Working Day.
    const dueOn = await this.defaultDate(ctx, period, lastDayOfMonth(period));
    if (day < dueOn) return { period, dueOn, outcome: 'not-yet' };
    // A scheduled build that FAILED does not count: this run tries again (the paper is still owed).
    const existing = await ctx.db.getRepository(Report).findOneBy({ kind, period, scheduled: true, status: Not(ReportStatus.FAILED) });
    if (existing) return { period, dueOn, outcome: 'already-scheduled', reportId: existing.id };
    const report = await this.request(ctx, period, dueOn, { scheduled: true, kind });
    return { period, dueOn, outcome: 'queued', reportId: report.id };
  }

  /** One message per enabled group that receives the report, with the PDF to attach; returns their ids. */
  private async recordCirculation(tx: EntityManager, report: Report, document: ReportDocument): Promise<string[]> {
    const timetables = report.kind === PaperKind.MODIFICATION_TIMETABLES;
    const section = timetables ? DigestSection.MODIFICATION_TIMETABLES : DigestSection.CHANGE_STATUS_REPORT;
    const kind = timetables ? MessageKind.MODIFICATION_TIMETABLES : MessageKind.CHANGE_STATUS_REPORT;
    const groups = (await this.groups.enabled(tx)).filter((g) => g.sections.includes(section));
    const message = await renderReportEmail(document, reportFileName(report.kind, report.period, report.version, 'pdf'));
    const ids: string[] = [];
    for (const group of groups) {
      // Keyed by paper and period: one of each paper a month reaches a group, whatever rebuilds follow.
      const key = `${kind}:${group.id}:${report.period}`;
      await this.outbox.record(tx, { kind, key, group, day: report.asOf, message, coveredTransitionId: null, reportId: report.id });
      const [row] = await tx.query(`SELECT id FROM outbox_message WHERE deduplication_key = $1 AND report_id = $2`, [key, report.id]);
      if (row) ids.push(row.id);
    }
    return ids;
  }

  /**
   * Edits a version's title block (its reference, author, action, purpose, recommendation,
   * attachments) until it is circulated; a READY version is rendered again from the document it
   * was built from, so its facts stay those of its day. Refused for a withdrawn version.
   */
  async updateFrame(ctx: ServiceContext, id: string, input: PaperFrameEdit): Promise<Report> {
    const edits = checkFrameInput(input);
    const report = await ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(Report);
      const found = isId(id) ? await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!found) throw new NotFoundError('Report', id);
      if (found.withdrawnAt) throw new InvalidInputError(`Version ${found.version} of ${found.period} is withdrawn: its title block stays as it was`);
      const [sent] = await tx.query(`SELECT g.name FROM outbox_message o JOIN recipient_group g ON g.id = o.group_id WHERE o.report_id = $1 LIMIT 1`, [id]);
      if (sent) throw new InvalidInputError(`Version ${found.version} of ${found.period} was circulated (to ${sent.name}): its title block stays as circulated; regenerate for a new version`);
      Object.assign(found, edits);
      if (found.status === ReportStatus.READY) {
        const [{ document }] = await tx.query(`SELECT document FROM report WHERE id = $1`, [id]);
        if (document) Object.assign(found, await renderAll(withFrame(document, found), async () => {}), { document: withFrame(document, found) });
      }
      return repo.save(found);
    });
    const { document: _document, pdf: _pdf, ...rest } = report;
    return rest as Report;
  }

  /**
   * Sends a READY version to a recipient group through the outbox, its PDF attached: once per
   * version and group. Refused, changing nothing, for a version not READY, a withdrawn one, a
   * group unknown or disabled, or one it was already sent to.
   */
  async circulate(ctx: ServiceContext, id: string, groupName: string): Promise<Report> {
    const name = groupName.trim();
    if (!name) throw new InvalidInputError('recipientGroup must name a recipient group, e.g. SECAS');
    const { report, messageIds } = await ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(Report);
      const found = isId(id) ? await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!found) throw new NotFoundError('Report', id);
      if (found.withdrawnAt) throw new InvalidInputError(`Version ${found.version} of ${found.period} was withdrawn (${found.withdrawnReason}): it is never circulated`);
      if (found.status !== ReportStatus.READY) throw new InvalidInputError(`Version ${found.version} of ${found.period} is ${found.status}: only a READY version can be circulated`);
      const group = await this.groups.require({ db: tx }, name);
      if (!group.enabled) throw new InvalidInputError(`Recipient group ${group.name} is disabled: enable it to circulate to it`);
      const key = `${MessageKind.PANEL_PAPER}:${found.id}:${group.id}`;
      const [already] = await tx.query(`SELECT created_at FROM outbox_message WHERE deduplication_key = $1`, [key]);
      if (already) throw new InvalidInputError(`Version ${found.version} of ${found.period} was circulated to ${group.name} already, at ${new Date(already.created_at).toISOString()}`);
      const [{ document }] = await tx.query(`SELECT document FROM report WHERE id = $1`, [id]);
      const message = await renderReportEmail(withFrame(document, found), reportFileName(found.kind, found.period, found.version, 'pdf'));
      await this.outbox.record(tx, { kind: MessageKind.PANEL_PAPER, key, group, day: found.asOf, message, coveredTransitionId: null, reportId: found.id });
      const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM outbox_message WHERE deduplication_key = $1`, [key]);
      return { report: found, messageIds: rows.map((r) => r.id) };
    });
    await this.outbox.queueDelivery(messageIds).catch((err) => ctx.logger.warn({ err }, 'paper circulation: left to the outbox sweep'));
    return report;
  }

  private async frameOf(ctx: ServiceContext, report: Report): Promise<ReportFrame> {
    const previous = addMonthsToYearMonth(report.period, -1);
    const panel = await panelOf(ctx.db, report.period);
    return {
      period: report.period, version: report.version, asOf: report.asOf, previous,
      periodLabel: monthName(report.period), previousLabel: monthName(previous),
      panel: panel && { ...panel, number: panelNumber(panel, this.paperDefaults.numbering) },
      calendar: await ctx.calendar(),
      paper: frameOfRow(report),
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

/** The version's own title block, as its row holds it. */
function frameOfRow(r: Report): PaperFrame {
  return {
    paperReference: r.paperReference, author: r.author ?? '', action: r.action ?? '', purpose: r.purpose ?? '',
    recommendation: r.recommendation ?? '', attachments: r.attachments ?? [],
  };
}

/**
 * The kept document under the version's (perhaps edited) title block. An edit never takes the
 * paper reference away, so one built without (no Panel that month) keeps its version's.
 */
function withFrame(document: ReportDocument, r: Report): ReportDocument {
  const { paperReference, ...frame } = frameOfRow(r);
  return { ...document, reference: paperReference ?? document.reference, frame };
}

async function renderAll(document: ReportDocument, onProgress: (percent: number, step: string) => Promise<void>) {
  await onProgress(75, 'rendering Markdown and HTML');
  const markdown = renderMarkdown(document);
  const html = renderHtml(document);
  await onProgress(85, 'rendering the PDF');
  return { markdown, html, pdf: await renderPdf(document) };
}

const FRAME_TEXTS = ['author', 'action', 'purpose', 'recommendation'] as const;

/** What an admin may change of a title block: each field given (not null) is set. */
export type PaperFrameEdit = { [K in keyof PaperFrame]?: PaperFrame[K] | null };

/** An edit of the title block: each text given is not blank; a reference is SECP_<panel>_<ddmm>_<item>. */
function checkFrameInput(input: PaperFrameEdit): Partial<PaperFrame> {
  const out: Partial<PaperFrame> = {};
  for (const k of FRAME_TEXTS) {
    const v = input[k];
    if (v === undefined || v === null) continue;
    if (!v.trim()) throw new InvalidInputError(`${k} cannot be blank: leave it out to keep it`);
    out[k] = v.trim();
  }
  if (input.paperReference !== undefined && input.paperReference !== null) {
    const ref = input.paperReference.trim();
    if (!/^SECP_\d{1,4}_(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])_\d{1,3}$/.test(ref)) {
      throw new InvalidInputError(`paperReference must read SECP_<panel>_<ddmm>_<item>, e.g. SECP_91_1604_14; got ${JSON.stringify(input.paperReference)}`);
    }
    out.paperReference = ref;
  }
  if (input.attachments !== undefined && input.attachments !== null) {
    const items = input.attachments.map((a) => a.trim());
    if (items.some((a) => !a)) throw new InvalidInputError('attachments cannot hold a blank line');
    out.attachments = items;
  }
  return out;
}

function checkPeriod(period: string): asserts period is YearMonth {
  if (!isYearMonth(period)) throw new InvalidInputError(`period must be a month as YYYY-MM, e.g. 2021-04; got ${JSON.stringify(period)}`);
}
