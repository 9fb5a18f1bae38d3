import type { ServiceContext } from '../common/service-context';
import { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from '../common/pages';
import type { ReadShape } from '../read-model/read-shape';
import { compileRow } from '../read-model/row-json';
import { Modification } from './modification.entity';
import type { ModificationFilter } from './modification.types';
import { idOfReferenceSql } from './reference-lookup.sql';

/** The WHERE of a filter over proposals aliased `t`, its values appended to `params`. */
function filterSql(filter: ModificationFilter | undefined, t: string, params: unknown[]): string {
  const conditions = ['true'];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter?.phases?.length) conditions.push(`${t}.phase = ANY(${param(filter.phases)}::text[])`);
  if (filter?.kind) conditions.push(`${t}.kind = ${param(filter.kind)}`);
  if (filter?.onHold !== undefined && filter.onHold !== null) conditions.push(`${t}.on_hold = ${param(filter.onHold)}`);
  if (filter?.search) {
    const pattern = param(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`(${t}.reference ILIKE ${pattern} OR ${t}.title ILIKE ${pattern})`);
  }
  return conditions.join(' AND ');
}

/**
 * Pages and single proposals read in one statement each, with everything the caller's shape asks
 * for (nested lists included) and the total only when it is asked for.
 */
export class ModificationReads {
  async page(
    ctx: ServiceContext,
    shape: ReadShape,
    options: { filter?: ModificationFilter; first: number; after?: string | null; countTotal: boolean },
  ): Promise<Page<Modification>> {
    const first = checkPageSize(options.first);
    const params: unknown[] = [];
    const row = compileRow(ctx.db, Modification, shape, 't');
    const where = filterSql(options.filter, 't', params);
    const total = options.countTotal ? `, (SELECT count(*)::int FROM modification f WHERE ${filterSql(options.filter, 'f', params)}) AS total` : '';
    let after = '';
    if (options.after) {
      const [reference] = decodeCursor(options.after, 1);
      after = ` AND t.reference > $${params.push(String(reference))}`;
    }
    const rows: Array<{ row: Record<string, unknown>; total?: number }> = await ctx.db.query(
      `SELECT ${row.sql} AS row${total} FROM modification t WHERE ${where}${after} ORDER BY t.reference LIMIT $${params.push(first + 1)}`,
      params,
    );
    // Not asked for: nothing reads it. No rows past the cursor: the total is still the filter's,
    // and only then takes a statement of its own.
    const totalCount = !options.countTotal ? 0 : rows[0]?.total ?? (await this.count(ctx, options.filter));
    return toPage(rows.map((r) => row.hydrate(r.row) as Modification), first, totalCount, (m) => encodeCursor([m.reference]));
  }

  /** The proposal a reference names, in any case, or by a former reference (a converted DP's). */
  async one(ctx: ServiceContext, shape: ReadShape, reference: string): Promise<Modification | null> {
    const row = compileRow(ctx.db, Modification, shape, 't');
    const [found]: Array<{ row: Record<string, unknown> }> = await ctx.db.query(
      `SELECT ${row.sql} AS row FROM modification t WHERE t.id = ${idOfReferenceSql('$1')}`,
      [reference],
    );
    return found ? (row.hydrate(found.row) as Modification) : null;
  }

  private async count(ctx: ServiceContext, filter: ModificationFilter | undefined): Promise<number> {
    const params: unknown[] = [];
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM modification f WHERE ${filterSql(filter, 'f', params)}`, params);
    return n;
  }
}
