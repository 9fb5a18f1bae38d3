import { isLocalDate } from '../calendar/local-date';
import { InvalidInputError } from '../common/errors';
import { isId } from '../common/ids';
import { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from '../common/pages';
import type { ServiceContext } from '../common/service-context';
import type { CompiledAnswer } from '../read-model/answer-json';
import type { AssessmentType } from './assessment.enums';

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
    options: { type?: AssessmentType | null; first: number; after?: string | null; countTotal: boolean },
  ): Promise<Page<unknown>> {
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

  /** An assessment by id; an id that is not one finds nothing, as AssessmentService.find. */
  async oneAnswer(ctx: ServiceContext, answer: CompiledAnswer, id: string): Promise<unknown> {
    if (!isId(id)) return null;
    const [found] = await ctx.db.query(`SELECT ${answer.sql} AS row FROM assessment t WHERE t.id = $1`, [id]);
    return found?.row ?? null;
  }
}
