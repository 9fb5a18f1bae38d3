import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { attachPreloaded } from './preloaded';
import type { ReadShape } from './read-shape';
import { type EntityClass, READABLE, type Relation } from './relations';

/** A field name meaning "every column" (what computed fields that read a whole row ask for). */
export const ALL_COLUMNS = '*';
const WHOLE_ROWS: ReadShape = { fields: new Set([ALL_COLUMNS]), relations: new Map() };

export interface CompiledRow {
  /** A json_build_object(…) over the row aliased as given, its relations as subqueries inside it. */
  sql: string;
  /** The entity, as TypeORM would have made it, with the relations the statement brought attached. */
  hydrate(json: Record<string, unknown>): object;
}

type Convert = (value: unknown) => unknown;

/** What JSON cannot carry as TypeORM gives it: numerics (strings, exact), timestamps (Dates). */
function columnSql(column: ColumnMetadata, alias: string): { sql: string; convert?: Convert } {
  const sql = `${alias}."${column.databaseName}"`;
  const type = typeof column.type === 'string' ? column.type : column.type === Date ? 'timestamp' : '';
  if (type === 'numeric' || type === 'decimal' || type === 'bigint' || type === 'int8') return { sql: `${sql}::text` };
  if (type.startsWith('timestamp')) return { sql, convert: (v) => new Date(v as string) };
  return { sql };
}

/**
 * The related rows of the row aliased `alias`, as JSON: a list (in the API's order, [] when there
 * are none) or one row (or null). `childSql` is the related row's JSON, aliased `childAlias`.
 */
export function relationSql(relation: Relation, childSql: string, childAlias: string, alias: string): string {
  const { from, where } = relation.join(childAlias, alias);
  return relation.many
    ? `coalesce((SELECT json_agg(${childSql}${relation.order ? ` ORDER BY ${relation.order(childAlias)}` : ''}) FROM ${from} WHERE ${where}), '[]'::json)`
    : `(SELECT ${childSql} FROM ${from} WHERE ${where} LIMIT 1)`;
}

/**
 * Compiles what a shape asks of an entity into one SQL expression: the columns its fields read
 * (or all of them, when a field is computed from the whole row), its keys, and each relation it
 * follows as a json_agg subquery in the API's order, recursively. One statement then reads a whole
 * page, whatever its nesting, as compiled GraphQL engines do.
 */
export function compileRow(db: DataSource, entity: EntityClass, shape: ReadShape, alias: string): CompiledRow {
  const metadata = db.getMetadata(entity);
  const readable = READABLE.get(entity) ?? { relations: {}, computed: {} };
  const selectable = metadata.columns.filter((c) => c.isSelect);
  const byProperty = new Map(selectable.map((c) => [c.propertyName, c]));

  const relations = new Map<string, ReadShape>();
  for (const [name, child] of shape.relations) if (readable.relations[name]) relations.set(name, child);
  let everyColumn = false;
  const wanted = new Set<ColumnMetadata>(selectable.filter((c) => c.isPrimary || c.propertyName.endsWith('Id')));
  for (const field of shape.fields) {
    if (field === '__typename' || readable.relations[field]) continue;
    const computed = readable.computed[field];
    if (computed) {
      if (computed.columns === ALL_COLUMNS) everyColumn = true;
      else for (const property of computed.columns) wanted.add(byProperty.get(property)!);
      for (const name of computed.relations ?? []) if (!relations.has(name)) relations.set(name, WHOLE_ROWS);
      continue;
    }
    const column = byProperty.get(field);
    if (column) wanted.add(column);
    // A field read through a getter (Assessment.costGbp): the row is read whole.
    else everyColumn = true;
  }
  const columns = everyColumn ? selectable : selectable.filter((c) => wanted.has(c));

  const parts: string[] = [];
  const converts: Array<[string, Convert | undefined]> = [];
  for (const column of columns) {
    const { sql, convert } = columnSql(column, alias);
    parts.push(`'${column.propertyName}', ${sql}`);
    converts.push([column.propertyName, convert]);
  }
  const nested: Array<{ name: string; many: boolean; child: CompiledRow }> = [];
  let index = 0;
  for (const [name, childShape] of relations) {
    const relation = readable.relations[name]!;
    const childAlias = `${alias}_${index++}`;
    const child = compileRow(db, relation.target, childShape, childAlias);
    parts.push(`'@${name}', ${relationSql(relation, child.sql, childAlias, alias)}`);
    nested.push({ name, many: relation.many, child });
  }

  return {
    sql: `json_build_object(${parts.join(', ')})`,
    hydrate(json) {
      const row = new entity() as Record<string, unknown>;
      for (const [property, convert] of converts) {
        const value = json[property];
        row[property] = value === null || value === undefined ? null : convert ? convert(value) : value;
      }
      for (const { name, many, child } of nested) {
        const value = json[`@${name}`];
        attachPreloaded(
          row,
          name,
          many ? (value as Array<Record<string, unknown>>).map((v) => child.hydrate(v)) : value ? child.hydrate(value as Record<string, unknown>) : null,
        );
      }
      return row;
    },
  };
}
