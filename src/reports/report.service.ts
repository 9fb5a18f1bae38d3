import type { EntityManager } from 'typeorm';
import { ASSESSMENT_FACT_COLUMNS } from '../assessments/assessment-facts.sql';
import { addMonthsToYearMonth, firstDayOfMonth, isYearMonth, lastDayOfMonth, type LocalDate, type YearMonth } from '../calendar/local-date';
import { InvalidInputError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import type { JobQueue } from '../queue/job-queue';
import { formatLongDate } from '../notifications/templates/format';
import type { ReportDocument } from './document/report-document';
import { appendixA, assessmentSections, type ReportAssessment } from './document/assessments.section';
import { defineSection, type DraftProposalFacts, type ReleaseFacts, releasesSection } from './document/define-and-releases.section';
import { summarySection, type SummaryFacts } from './document/summary.section';
import { defaultReportDate } from './report-date';
import { Report, ReportStatus } from './report.entity';
import { renderHtml } from './render/html';
import { renderMarkdown } from './render/markdown';

type Queryable = Pick<EntityManager, 'query'>;

const MONTH_NAME = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const monthName = (period: YearMonth) => MONTH_NAME.format(new Date(`${period}-01T00:00:00Z`));

/**
 * The Change Status Report's versions: a request records a QUEUED version and queues its build
 * after commit; the build moves it to RUNNING, then READY or FAILED. Older versions stay.
 */
export class ReportService {
  constructor(private readonly jobs: JobQueue) {}

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
   * same period and date while one is queued make one build: the second gets the first.
   */
  async request(ctx: ServiceContext, period: string, asOf?: LocalDate | null): Promise<Report> {
    checkPeriod(period);
    const date = asOf ?? (await this.defaultDate(ctx, period));
    const { report, created } = await ctx.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`report:${period}`]);
      const queued = await tx.getRepository(Report).findOneBy({ period, asOf: date, status: ReportStatus.QUEUED });
      if (queued) return { report: queued, created: false };
      const [{ next }] = await tx.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM report WHERE period = $1`, [period]);
      const repo = tx.getRepository(Report);
      const saved = await repo.save(repo.create({
        period, version: next, asOf: date, status: ReportStatus.QUEUED, requestedAt: new Date(),
        startedAt: null, completedAt: null, markdown: null, html: null, error: null,
      }));
      return { report: saved, created: true };
    });
    // After commit (STYLE 8): the build reads the version it was queued for.
    if (created) await this.jobs.enqueue('report-build', { reportId: report.id });
    return report;
  }

  /**
   * Builds one version: RUNNING, then READY with its formats, or FAILED with the reason (thrown
   * on for the job to record). A version already READY or FAILED is left as it is.
   */
  async build(ctx: ServiceContext, id: string, onProgress: (percent: number, step: string) => Promise<void>): Promise<Report> {
    const repo = ctx.db.getRepository(Report);
    const report = await repo.findOneBy({ id });
    if (!report) throw new InvalidInputError(`Report ${id} does not exist`);
    if (report.status === ReportStatus.READY || report.status === ReportStatus.FAILED) return report;
    await repo.update({ id }, { status: ReportStatus.RUNNING, startedAt: new Date() });
    try {
      await onProgress(10, 'reading the register');
      const document = await this.compose(ctx, report);
      await onProgress(70, 'rendering Markdown and HTML');
      const markdown = renderMarkdown(document);
      const html = renderHtml(document);
      await repo.update({ id }, { status: ReportStatus.READY, markdown, html, completedAt: new Date(), error: null });
      await onProgress(100, 'ready');
    } catch (err) {
      await repo.update({ id }, { status: ReportStatus.FAILED, completedAt: new Date(), error: (err as Error).message.slice(0, 2_000) });
      throw err;
    }
    return (await repo.findOneBy({ id }))!;
  }

  private async defaultDate(ctx: ServiceContext, period: YearMonth): Promise<LocalDate> {
    const panels: Array<{ date: string }> = await ctx.db.query(
      `SELECT meeting_on::text AS date FROM meeting WHERE body = 'PANEL' AND meeting_on BETWEEN $1 AND $2`,
      [firstDayOfMonth(period), lastDayOfMonth(period)],
    );
    return defaultReportDate(period, panels.map((p) => p.date), await ctx.calendar(), ctx.clock.today());
  }

  private async compose(ctx: ServiceContext, report: Report): Promise<ReportDocument> {
    const previous = addMonthsToYearMonth(report.period, -1);
    const panel = await panelOf(ctx.db, report.period);
    const facts = await summaryFacts(ctx.db, panel?.id ?? null, previous);
    const calendar = await ctx.calendar();
    const assessments = await reportAssessments(ctx.db);
    const windowLabel = `The 12-month period up to the end of ${monthName(previous)}`;
    return {
      title: `Change Status Report: ${monthName(report.period)}`,
      reference: `CSR-${report.period}-v${report.version}`,
      date: formatLongDate(report.asOf),
      panel: panel ? `SEC Panel, ${formatLongDate(panel.date)}` : null,
      purpose: 'For Information',
      sections: [
        summarySection(facts, monthName(previous)),
        // New since the previous month began: what the last paper could not yet show, up to this one's date.
        defineSection(...(await draftProposals(ctx.db, firstDayOfMonth(previous), report.asOf)), formatLongDate(firstDayOfMonth(previous))),
        { number: '3', title: 'Refine', blocks: [], subsections: assessmentSections(assessments, report.asOf, lastDayOfMonth(previous), windowLabel, calendar) },
        releasesSection(await releases(ctx.db)),
        appendixA(assessments, report.asOf, previous, monthName(previous), calendar),
      ],
    };
  }
}

function checkPeriod(period: string): asserts period is YearMonth {
  if (!isYearMonth(period)) throw new InvalidInputError(`period must be a month as YYYY-MM, e.g. 2021-04; got ${JSON.stringify(period)}`);
}

async function panelOf(db: Queryable, period: YearMonth): Promise<{ id: string; date: LocalDate } | null> {
  const [row] = await db.query(
    `SELECT id, meeting_on::text AS date FROM meeting WHERE body = 'PANEL' AND meeting_on BETWEEN $1 AND $2 ORDER BY meeting_on LIMIT 1`,
    [firstDayOfMonth(period), lastDayOfMonth(period)],
  );
  return row ?? null;
}

/** Draft Proposals raised from `from` to `to`, and every proposal in Define. */
async function draftProposals(db: Queryable, from: LocalDate, to: LocalDate): Promise<[DraftProposalFacts[], DraftProposalFacts[]]> {
  const columns = `reference, title, proposer_organisation AS "proposerOrganisation", raised_on::text AS "raisedOn"`;
  const raised = await db.query(
    `SELECT ${columns} FROM modification WHERE kind = 'DRAFT_PROPOSAL' AND raised_on BETWEEN $1 AND $2 ORDER BY raised_on, reference`,
    [from, to],
  );
  const inDefine = await db.query(`SELECT ${columns} FROM modification WHERE phase = 'DEFINE' ORDER BY reference`);
  return [raised, inDefine];
}

async function releases(db: Queryable): Promise<ReleaseFacts[]> {
  return db.query(
    `SELECT r.name, r.kind, r.release_on::text AS "releaseOn", r.modification_report_deadline::text AS "modificationReportDeadline",
            coalesce(array_agg(m.reference ORDER BY m.reference) FILTER (WHERE m.id IS NOT NULL), '{}') AS proposals
       FROM release r LEFT JOIN modification m ON m.target_release_id = r.id
      GROUP BY r.id ORDER BY r.release_on NULLS LAST, r.name`,
  );
}

/** Every assessment with its pauses and its proposal's reference. */
async function reportAssessments(db: Queryable): Promise<ReportAssessment[]> {
  return db.query(
    `SELECT ${ASSESSMENT_FACT_COLUMNS}
       FROM assessment a JOIN modification m ON m.id = a.modification_id
      ORDER BY m.reference, a.type`,
  );
}

const PHASE_ORDER = ['DEFINE', 'REFINE', 'OPINE', 'DECIDE', 'APPROVED', 'IMPLEMENTED', 'REJECTED', 'WITHDRAWN'];

async function summaryFacts(db: Queryable, panelId: string | null, previous: YearMonth): Promise<SummaryFacts> {
  const phases: Array<{ phase: string; count: number }> = await db.query(`SELECT phase, count(*)::int AS count FROM modification GROUP BY phase`);
  const panelAgenda = panelId
    ? await db.query(
        `SELECT m.reference, m.title FROM agenda_item ai JOIN modification m ON m.id = ai.modification_id WHERE ai.meeting_id = $1 ORDER BY ai.position`,
        [panelId],
      )
    : [];
  const decisions = await db.query(
    `SELECT m.reference, m.title, d.body, d.decided_on::text AS "on", d.outcome
       FROM decision d JOIN modification m ON m.id = d.modification_id
      WHERE d.decided_on BETWEEN $1 AND $2 ORDER BY d.decided_on, m.reference`,
    [firstDayOfMonth(previous), lastDayOfMonth(previous)],
  );
  return { phases: phases.sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase)), panelAgenda, decisions };
}
