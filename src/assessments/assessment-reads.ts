import { isLocalDate } from '../calendar/local-date';
import { InvalidInputError } from '../common/errors';
import { isId } from '../common/ids';
import { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from '../common/pages';
import type { ServiceContext } from '../common/service-context';
import type { CompiledAnswer } from '../read-model/answer-json';
import { CALENDAR_TABLE_FIRST_DAY, CALENDAR_TABLE_LAST_DAY } from '../calendar/calendar-table.service';
import type { LocalDate } from '../calendar/local-date';
import type { SlaStatus } from '../sla/sla-calculator';
import { SLA_STATUS_READ_CTES } from '../sla/sla-status.sql';
import type { AssessmentType } from './assessment.enums';

/** The statuses that need the return recorded by the day, those that need the clock not started, and the rest. */
const COMPLETED = new Set<SlaStatus>(['COMPLETED', 'COMPLETED_ON_TIME', 'COMPLETED_LATE']);

/**
 * Which assessments can be in one of `statuses` on $1, from their dates alone: the SQL status twin
 * then judges only those (an SLA board asks for running clocks, a small part of the register).
 */
function candidatesFor(statuses: readonly SlaStatus[], alias: string): string {
  const returned = `(${alias}.returned_on IS NOT NULL AND ${alias}.returned_on <= $1::date)`;
  const kinds: string[] = [];
  if (statuses.some((s) => COMPLETED.has(s))) kinds.push(returned);
  if (statuses.includes('AWAITING_ACCEPTANCE')) kinds.push(`(NOT ${returned} AND (${alias}.accepted_on IS NULL OR ${alias}.accepted_on > $1::date))`);
  if (statuses.some((s) => !COMPLETED.has(s) && s !== 'AWAITING_ACCEPTANCE')) kinds.push(`(NOT ${returned} AND ${alias}.accepted_on <= $1::date)`);
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

/**
 * Pages and single assessments as answers PostgreSQL builds whole (read-model/answer-json), in one
 * statement each: the reads of AssessmentService.list and find that need nothing computed (no SLA
 * status to filter on, no proposal to look up first).
 */
export class AssessmentReads {
  async pageOfAnswers(
    ctx: ServiceContext,
    answer: CompiledAnswer,
    options: { type?: AssessmentType | null; first: number; after?: string | null; countTotal: boolean; status?: StatusFilter },
  ): Promise<Page<unknown>> {
    if (options.status) return this.pageInStatuses(ctx, answer, { ...options, status: options.status });
    const first = checkPageSize(options.first);
    const params: unknown[] = [];
    const where = (alias: string, into: unknown[]) => (options.type ? `${alias}.type = $${into.push(options.type)}` : 'true');
    const total = options.countTotal ? `, (SELECT count(*)::int FROM assessment f WHERE ${where('f', params)}) AS total` : '';
    let after = '';
    if (options.after) {
      const [key, id] = decodeAssessmentCursor(options.after);
      after = ` AND (${orderKeyOf('t')}, t.id) > ($${params.push(key)}::date, $${params.push(id)}::uuid)`;
    }
    const rows: Array<{ row: unknown; id: string; order_key: string; total?: number }> = await ctx.db.query(
      `SELECT ${answer.sql} AS row, t.id, ${orderKeyOf('t')}::text AS order_key${total} FROM assessment t
        WHERE ${where('t', params)}${after} ORDER BY ${orderKeyOf('t')}, t.id LIMIT $${params.push(first + 1)}`,
      params,
    );
    let totalCount = 0;
    if (options.countTotal) {
      // No rows past the cursor: the total is still the filter's, and only then takes a statement of its own.
      const countParams: unknown[] = [];
      totalCount = rows[0]?.total ?? (await ctx.db.query(`SELECT count(*)::int AS n FROM assessment f WHERE ${where('f', countParams)}`, countParams))[0].n;
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
    options: { type?: AssessmentType | null; first: number; after?: string | null; status: StatusFilter },
  ): Promise<Page<unknown>> {
    const first = checkPageSize(options.first);
    const { statuses, asOf, dueSoonWorkingDays } = options.status;
    // $1 and $2 are the status twin's: the day and the due-soon threshold.
    const params: unknown[] = [asOf, dueSoonWorkingDays, [...statuses]];
    const type = options.type ? ` AND a.type = $${params.push(options.type)}` : '';
    let after = '';
    if (options.after) {
      const [key, id] = decodeAssessmentCursor(options.after);
      after = ` AND (${orderKeyOf('t')}, t.id) > ($${params.push(key)}::date, $${params.push(id)}::uuid)`;
    }
    const rows: Array<{ row: unknown; id: string | null; order_key: string; total: number }> = await ctx.db.query(
      `WITH cand AS (SELECT a.id FROM assessment a WHERE (${candidatesFor(statuses, 'a')})${type}),
       ${SLA_STATUS_READ_CTES},
       matching AS (SELECT j.id FROM judged j WHERE j.status = ANY($3::text[]))
       SELECT (SELECT count(*)::int FROM matching) AS total, p.*
         FROM (SELECT 1) one
         LEFT JOIN (
           SELECT ${answer.sql} AS row, t.id, ${orderKeyOf('t')} AS order_day, ${orderKeyOf('t')}::text AS order_key
             FROM matching m JOIN assessment t ON t.id = m.id
            WHERE true${after}
            ORDER BY ${orderKeyOf('t')}, t.id LIMIT $${params.push(first + 1)}
         ) p ON true
        ORDER BY p.order_day, p.id`,
      params,
    );
    const found = rows.filter((r) => r.id !== null);
    return toPage({ rows: found, first, totalCount: rows[0]!.total, after: options.after, cursorOf: (r) => encodeCursor([r.order_key, r.id]), nodeOf: (r) => r.row });
  }

  /** An assessment by id; an id that is not one finds nothing, as AssessmentService.find. */
  async oneAnswer(ctx: ServiceContext, answer: CompiledAnswer, id: string): Promise<unknown> {
    if (!isId(id)) return null;
    const [found] = await ctx.db.query(`SELECT ${answer.sql} AS row FROM assessment t WHERE t.id = $1`, [id]);
    return found?.row ?? null;
  }
}
