import type { ServiceContext } from '../common/service-context';
import { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from '../common/pages';
import type { ReadShape } from '../read-model/read-shape';
import { type CompiledAnswer, selected } from '../read-model/answer-json';
import { compileRow } from '../read-model/row-json';
import { Modification } from './modification.entity';
import type { ModificationFilterFields } from './modification.fields';
import { idOfReferenceSql } from './reference-lookup.sql';
import { dayWithinTheRegister } from '../register-rules/rules';
import { registerSpan } from '../register-rules/register-facts.sql';
import { readStatement } from '../infra/database/read-statement';
import { prepared } from '../infra/database/prepared-statements';

/**
 * `refinementStalled` in SQL (work-packages/refinement-stall.ts says it in TypeScript): in REFINE,
 * with no open work package or with one whose return month ended before `day`.
 */
function stalledSql(t: string, day: string): string {
  const open = `FROM work_package w WHERE w.modification_id = ${t}.id AND w.completed_on IS NULL`;
  return `(${t}.phase = 'REFINE' AND (NOT EXISTS (SELECT 1 ${open}) OR EXISTS (SELECT 1 ${open} AND to_date(w.return_to_panel_month, 'YYYY-MM') + interval '1 month' <= ${day})))`;
}

/** The WHERE of a filter over proposals aliased `t`, its values appended to `params`. */
function filterSql(filter: ModificationFilterFields | undefined, t: string, params: unknown[], today: string): string {
  const conditions = ['true'];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter?.phases?.length) conditions.push(`${t}.phase = ANY(${param(filter.phases)}::text[])`);
  if (filter?.kind) conditions.push(`${t}.kind = ${param(filter.kind)}`);
  if (filter?.onHold !== undefined && filter.onHold !== null) conditions.push(`${t}.on_hold = ${param(filter.onHold)}`);
  if (filter?.search) {
    const pattern = param(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`(${t}.reference ILIKE ${pattern} OR ${t}.title ILIKE ${pattern})`);
  }
  if (filter?.refinementStalled !== undefined && filter.refinementStalled !== null) {
    const stalled = stalledSql(t, `${param(filter.asOf ?? today)}::date`);
    conditions.push(filter.refinementStalled ? stalled : `NOT ${stalled}`);
  }
  return conditions.join(' AND ');
}

/**
 * Pages and single proposals read in one statement each, with everything the caller's shape asks
 * for (nested lists included) and the total only when it is asked for.
 */
export interface PageOptions {
  filter?: ModificationFilterFields;
  first: number;
  after?: string | null;
  countTotal: boolean;
}

/**
 * The proposals a page reads, as `t`: the table itself, or with `filter.asOf` the register as it
 * stood at the end of that day (the migration's `modifications_on`: proposals raised by then,
 * with the reference, kind and phase they had), every other column as it is.
 */
function proposalsAt(ctx: ServiceContext, filter: ModificationFilterFields | undefined, params: unknown[]): string {
  if (!filter?.asOf) return 'modification';
  const day = `$${params.push(filter.asOf)}::date`;
  const columns = ctx.db.getMetadata(Modification).columns.map((c) => c.databaseName);
  const asOf = new Set(['reference', 'kind', 'phase']);
  return `(SELECT ${columns.map((c) => (asOf.has(c) ? `o.${c}` : `m.${c}`)).join(', ')} FROM modification m JOIN modifications_on(${day}) o ON o.id = m.id)`;
}

export class ModificationReads {
  async page(ctx: ServiceContext, shape: ReadShape, options: PageOptions): Promise<Page<Modification>> {
    const row = compileRow(ctx.db, Modification, shape, 't');
    const { rows, first, totalCount } = await this.pageOf(ctx, row.sql, options);
    // The cursor is read from the row's own reference: the shape may not ask for it (edges { cursor }).
    return toPage({ rows, first, totalCount, after: options.after, cursorOf: (r) => encodeCursor([r.reference]), nodeOf: (r) => row.hydrate(r.row as Record<string, unknown>) as Modification });
  }

  /** A page whose nodes are answers PostgreSQL built whole (read-model/answer-json): nothing is hydrated. */
  async pageOfAnswers(ctx: ServiceContext, answer: CompiledAnswer, options: PageOptions): Promise<Page<unknown>> {
    const { rows, first, totalCount } = await this.pageOf(ctx, selected(answer), options);
    return toPage({ rows, first, totalCount, after: options.after, cursorOf: (r) => encodeCursor([r.reference]), nodeOf: (r): unknown => r.row });
  }

  /** The proposal a reference names, in any case, or by a former reference (a converted DP's). */
  async one(ctx: ServiceContext, shape: ReadShape, reference: string): Promise<Modification | null> {
    const row = compileRow(ctx.db, Modification, shape, 't');
    const found = await this.oneOf<Record<string, unknown>>(ctx, row.sql, reference);
    return found ? (row.hydrate(found) as Modification) : null;
  }

  /** The answer for the proposal a reference names: its JSON text when sent as written (read-model/answer-json), else its parsed JSON. */
  async oneAnswer(ctx: ServiceContext, answer: CompiledAnswer, reference: string): Promise<unknown> {
    return this.oneOf(ctx, selected(answer), reference);
  }

  /** The row `rowSql` selects (JSON, parsed; or its text, as `selected` asks) for the proposal a reference names. */
  private async oneOf<R>(ctx: ServiceContext, rowSql: string, reference: string): Promise<R | null> {
    const sql = `SELECT ${rowSql} AS row FROM modification t WHERE t.id = ${idOfReferenceSql('$1')}`;
    // The same text for every request of its selection, found by a unique key: its plan is the same
    // for every reference, so the connection keeps it.
    const [found] = await readStatement<{ row: R }>(ctx.db, prepared(sql), [reference]);
    return found?.row ?? null;
  }

  /** One statement: `first + 1` rows of JSON (`rowSql` over `t`), with the total when it is asked for. */
  private async pageOf(ctx: ServiceContext, rowSql: string, options: PageOptions) {
    const first = checkPageSize(options.first);
    if (options.filter?.asOf) dayWithinTheRegister('asOf', options.filter.asOf, await registerSpan(ctx.db, ctx.clock.today()));
    const params: unknown[] = [];
    const proposals = proposalsAt(ctx, options.filter, params);
    const where = filterSql(options.filter, 't', params, ctx.clock.today());
    const total = options.countTotal ? `, (SELECT count(*)::int FROM ${proposals} f WHERE ${filterSql(options.filter, 'f', params, ctx.clock.today())}) AS total` : '';
    let after = '';
    if (options.after) {
      const [reference] = decodeCursor(options.after, 1);
      after = ` AND t.reference > $${params.push(String(reference))}`;
    }
    // `row` is what rowSql selects: parsed JSON, or an answer's text (`selected`).
    const sql = `SELECT ${rowSql} AS row, t.reference${total} FROM ${proposals} t WHERE ${where}${after} ORDER BY t.reference LIMIT $${params.push(first + 1)}`;
    // A page of the register as it is, by reference: one plan whatever the cursor and the size, kept
    // by the connection. A filter (a search, a day, phases) is planned for its values.
    const rows = await readStatement<{ row: unknown; reference: string; total?: number }>(
      ctx.db,
      proposals === 'modification' && where === 'true' ? prepared(sql) : sql,
      params,
    );
    // Not asked for: nothing reads it. No rows past the cursor: the total is still the filter's,
    // and only then takes a statement of its own.
    const totalCount = !options.countTotal ? 0 : rows[0]?.total ?? (await this.count(ctx, options.filter));
    return { rows, first, totalCount };
  }

  private async count(ctx: ServiceContext, filter: ModificationFilterFields | undefined): Promise<number> {
    const params: unknown[] = [];
    const proposals = proposalsAt(ctx, filter, params);
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM ${proposals} f WHERE ${filterSql(filter, 'f', params, ctx.clock.today())}`, params);
    return n;
  }

  /** Each proposal's phase at the end of `day`, null for one not raised by then (one statement for a page of them). */
  async phasesOn(ctx: ServiceContext, ids: readonly string[], day: string): Promise<Map<string, string>> {
    const rows: Array<{ id: string; phase: string }> = await ctx.db.query(`SELECT id, phase FROM modifications_on($1) WHERE id = ANY($2::uuid[])`, [day, ids]);
    return new Map(rows.map((r) => [r.id, r.phase]));
  }
}
