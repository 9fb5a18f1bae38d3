import type { DataSource } from 'typeorm';
import { readStatement } from '../infra/database/read-statement';
import { prepared } from '../infra/database/prepared-statements';
import { type CompiledAnswer, selected } from './answer-json';
import type { EntityClass } from './relations';
import { ALL_COLUMNS, compileRow } from './row-json';

/** A list a service reads: its table (aliased `t`), its conditions with their positional parameters, its order. */
export interface ListQuery {
  table: string;
  where: readonly string[];
  params: readonly unknown[];
  order: string;
}

const whereOf = (list: ListQuery) => (list.where.length ? list.where.join(' AND ') : 'true');

/** A list's statement; with no parameter, its plan is the one it will always have: the connection keeps it. */
const statementOf = (list: ListQuery, sql: string) => (list.params.length ? sql : prepared(sql));

/** The list's rows as entities, in one statement: what the resolvers work on. */
export async function readList<T extends object>(db: DataSource, entity: EntityClass, list: ListQuery): Promise<T[]> {
  const row = compileRow(db, entity, { fields: new Set([ALL_COLUMNS]), relations: new Map() }, 't');
  const rows: Array<{ row: Record<string, unknown> }> = await db.query(
    statementOf(list, `SELECT ${row.sql} AS row FROM ${list.table} t WHERE ${whereOf(list)} ORDER BY ${list.order}`),
    [...list.params],
  );
  return rows.map((r) => row.hydrate(r.row) as T);
}

/**
 * The list as its answer, built whole by PostgreSQL in one statement (see compileAnswer): its JSON
 * text, or its rows to finish. An array's JSON, as json_agg would write ", " between the rows.
 */
export async function readListAnswer(db: DataSource, answer: CompiledAnswer, list: ListQuery): Promise<unknown[] | string> {
  const sql = `SELECT ${selected(answer, `coalesce(array_to_json(array_agg(${answer.sql} ORDER BY ${list.order})), '[]'::json)`)} AS answers FROM ${list.table} t WHERE ${whereOf(list)}`;
  const [{ answers }] = await readStatement<{ answers: unknown[] | string }>(db, statementOf(list, sql), [...list.params]);
  return answers;
}
