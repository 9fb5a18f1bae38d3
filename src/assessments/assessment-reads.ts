import { isLocalDate } from '../calendar/local-date';
import { InvalidInputError } from '../common/errors';
import { isId } from '../common/ids';
import { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from '../common/pages';
import type { ServiceContext } from '../common/service-context';
import { type CompiledAnswer, selected } from '../read-model/answer-json';
import { readStatement } from '../infra/database/read-statement';
import { prepared } from '../infra/database/prepared-statements';
import { CALENDAR_TABLE_FIRST_DAY, CALENDAR_TABLE_LAST_DAY } from '../calendar/calendar-table.service';
import type { LocalDate } from '../calendar/local-date';
import type { SlaStatus } from '../sla/sla-calculator';
import { SLA_STATUS_READ_CTES } from '../sla/sla-status.sql';
import { idOfReferenceSql } from '../modifications/reference-lookup.sql';
import type { AssessmentType } from './assessment.enums';

/** The statuses that need the return recorded by the day, those that need the clock not started, and the rest. */
const COMPLETED = new Set<SlaStatus>(['COMPLETED', 'COMPLETED_ON_TIME', 'COMPLETED_LATE']);

/**
 * Which assessments can be in one of `statuses` on $1 (due-soon threshold $2), from their columns
 * alone: the SQL status twin then judges only those (an SLA board asks for running clocks, a small
 * part of the register). A clock is DUE_SOON or OVERDUE only once it has run at least its target
 * less the threshold in Working Days, and a clock runs no more Working Days than calendar days have
 * passed since acceptance: a board of those two statuses leaves out the clocks accepted too lately.
 */
function candidatesFor(statuses: readonly SlaStatus[], alias: string): string {
  const returned = `(${alias}.returned_on IS NOT NULL AND ${alias}.returned_on <= $1::date)`;
  const kinds: string[] = [];
  if (statuses.some((s) => COMPLETED.has(s))) kinds.push(returned);
  if (statuses.includes('AWAITING_ACCEPTANCE')) kinds.push(`(NOT ${returned} AND (${alias}.accepted_on IS NULL OR ${alias}.accepted_on > $1::date))`);
  const running = statuses.filter((s) => !COMPLETED.has(s) && s !== 'AWAITING_ACCEPTANCE');
  if (running.length) {
    const late = running.every((s) => s === 'DUE_SOON' || s === 'OVERDUE') ? ` AND $1::date - ${alias}.accepted_on >= ${alias}.target_working_days - $2::int` : '';
    kinds.push(`(NOT ${returned} AND ${alias}.accepted_on <= $1::date${late})`);
  }
  return kinds.join(' OR ');
}

/** A status filter the statement can judge: the day inside the SQL calendar's years (else the resolvers judge it). */
export interface StatusFilter {
  statuses: readonly SlaStatus[];
  asOf: LocalDate;
  dueSoonWorkingDays: number;
}

export const judgedInSql = (asOf: LocalDate) => asOf >= CALENDAR_TABLE_FIRST_DAY && asOf <= CALENDAR_TABLE_LAST_DAY;

/** Oldest request first; an assessment known only by its acceptance or return sorts by that. */
export const orderKeyOf = (alias: string) => `coalesce(${alias}.requested_on, ${alias}.accepted_on, ${alias}.returned_on, 'infinity'::date)`;

export function decodeAssessmentCursor(after: string): [string, string] {
  const [key, id] = decodeCursor(after, 2);
  if ((key === 'infinity' || isLocalDate(key)) && typeof id === 'string' && isId(id)) return [key, id];
  throw new InvalidInputError(`after: ${JSON.stringify(after)} is not a cursor this API gave out`);
}

/** What a page of assessments is filtered and placed by (the GraphQL filter's type and proposal, the page's size and cursor). */
export interface PageOptions {
  type?: AssessmentType | null;
  /** A proposal's reference, as AssessmentService.list takes it (former references too). */
  modification?: string | null;
  first: number;
  after?: string | null;
}

/** The filter's conditions over the row aliased `alias`, their parameters pushed on `into`. */
function filterSql(options: PageOptions, alias: string, into: unknown[]): string {
  const conditions = ['true'];
  if (options.type) conditions.push(`${alias}.type = $${into.push(options.type)}`);
  if (hasProposal(options)) {
    conditions.push(`${alias}.modification_id = ${idOfReferenceSql(`$${into.push(options.modification)}::text`)}`);
  }
  return conditions.join(' AND ');
}

/** The rows past a page's cursor, over the row aliased `t`, as SQL (empty for the first page); its parameters pushed on `into`. */
function afterSql(after: string | null | undefined, into: unknown[]): string {
  if (!after) return '';
  const [key, id] = decodeAssessmentCursor(after);
  return ` AND (${orderKeyOf('t')}, t.id) > ($${into.push(key)}::date, $${into.push(id)}::uuid)`;
}

const hasProposal = (options: PageOptions) => options.modification !== null && options.modification !== undefined;

/**
 * Whether a page filtered on a proposal may stand, as SQL: always without such a filter; else when
 * the reference names a proposal. An empty page for one that names none is no answer.
 */
function proposalKnownSql(options: PageOptions, into: unknown[]): string {
  return hasProposal(options) ? `${idOfReferenceSql(`$${into.push(options.modification)}::text`)} IS NOT NULL` : 'true';
}

/**
 * Pages and single assessments as answers PostgreSQL builds whole (read-model/answer-json), in one
 * statement each: the reads of AssessmentService.list and find, filtered on type, proposal and SLA
 * status as it filters them.
 */
export class AssessmentReads {
  async pageOfAnswers(
    ctx: ServiceContext,
    answer: CompiledAnswer,
    options: PageOptions & { countTotal: boolean; status?: StatusFilter },
  ): Promise<Page<unknown> | null> {
    if (options.status) return this.pageInStatuses(ctx, answer, { ...options, status: options.status });
    const first = checkPageSize(options.first);
    const params: unknown[] = [];
    const where = (alias: string, into: unknown[]) => filterSql(options, alias, into);
    const total = options.countTotal ? `, (SELECT count(*)::int FROM assessment f WHERE ${where('f', params)}) AS total` : '';
    const after = afterSql(options.after, params);
    // Filtered on keys only (a type, a proposal), in key order: one plan for every value, kept by the connection.
    const rows = await readStatement<{ row: unknown; id: string; order_key: string; total?: number }>(
      ctx.db,
      prepared(`SELECT ${selected(answer)} AS row, t.id, ${orderKeyOf('t')}::text AS order_key${total} FROM assessment t
        WHERE ${where('t', params)}${after} ORDER BY ${orderKeyOf('t')}, t.id LIMIT $${params.push(first + 1)}`),
      params,
    );
    let totalCount = rows[0]?.total ?? 0;
    if (!rows.length && (options.countTotal || hasProposal(options))) {
      // No rows past the cursor: the total is still the filter's, and whether the proposal exists
      // is still to tell (one that does not is the resolvers' NOT_FOUND). Only then a second statement.
      const more: unknown[] = [];
      const [found] = await ctx.db.query(
        `SELECT ${options.countTotal ? `(SELECT count(*)::int FROM assessment f WHERE ${where('f', more)})` : '0'} AS n, ${proposalKnownSql(options, more)} AS proposal_known`,
        more,
      );
      if (!found.proposal_known) return null;
      totalCount = found.n;
    }
    return toPage({ rows, first, totalCount, after: options.after, cursorOf: (r) => encodeCursor([r.order_key, r.id]), nodeOf: (r) => r.row });
  }

  /**
   * A page of the assessments in some SLA statuses on a day (the SLA board), in one statement: the
   * candidates their dates allow, judged by the SQL twin of slaOn, counted, and the page's answers
   * built. The count comes on a row of its own, so a page past the end still knows the total.
   */
  private async pageInStatuses(
    ctx: ServiceContext,
    answer: CompiledAnswer,
    options: PageOptions & { status: StatusFilter },
  ): Promise<Page<unknown> | null> {
    const first = checkPageSize(options.first);
    const { statuses, asOf, dueSoonWorkingDays } = options.status;
    // $1 and $2 are the status twin's: the day and the due-soon threshold.
    const params: unknown[] = [asOf, dueSoonWorkingDays, [...statuses]];
    const filter = ` AND ${filterSql(options, 'a', params)}`;
    const after = afterSql(options.after, params);
    const rows = await readStatement<{ row: unknown; id: string | null; order_key: string; total: number; proposal_known: boolean }>(
      ctx.db,
      `WITH cand AS (SELECT a.id, a.accepted_on, a.returned_on, a.target_working_days FROM assessment a WHERE (${candidatesFor(statuses, 'a')})${filter}),
       ${SLA_STATUS_READ_CTES},
       matching AS (SELECT j.id FROM judged j WHERE j.status = ANY($3::text[]))
       SELECT (SELECT count(*)::int FROM matching) AS total, ${proposalKnownSql(options, params)} AS proposal_known, p.*
         FROM (SELECT 1) one
         LEFT JOIN (
           SELECT ${selected(answer)} AS row, t.id, ${orderKeyOf('t')} AS order_day, ${orderKeyOf('t')}::text AS order_key
             FROM matching m JOIN assessment t ON t.id = m.id
            WHERE true${after}
            ORDER BY ${orderKeyOf('t')}, t.id LIMIT $${params.push(first + 1)}
         ) p ON true
        ORDER BY p.order_day, p.id`,
      params,
    );
    if (!rows[0]!.proposal_known) return null;
    const found = rows.filter((r) => r.id !== null);
    return toPage({ rows: found, first, totalCount: rows[0]!.total, after: options.after, cursorOf: (r) => encodeCursor([r.order_key, r.id]), nodeOf: (r) => r.row });
  }

  /** An assessment by id; an id that is not one finds nothing, as AssessmentService.find. */
  async oneAnswer(ctx: ServiceContext, answer: CompiledAnswer, id: string): Promise<unknown> {
    if (!isId(id)) return null;
    // Found by primary key: one plan for every id, which the connection keeps (prepared-statements.ts).
    const [found] = await readStatement<{ row: unknown }>(ctx.db, prepared(`SELECT ${selected(answer)} AS row FROM assessment t WHERE t.id = $1`), [id]);
    return found?.row ?? null;
  }
}
