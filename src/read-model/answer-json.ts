import type { DataSource } from 'typeorm';
import type { AnswerShape } from './answer-shape';
import { READABLE } from './relations';

/** A fixed text (a type's name) as a SQL string literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** An answer shape as SQL, over a row aliased `t`: what the reads of a service put in their SELECT. */
export interface CompiledAnswer {
  /** One JSON expression over the row aliased `t`: the answer, or with computed keys its facts. */
  readonly sql: string;
  /**
   * Whether PostgreSQL's JSON is the answer as it will be sent (no computed key to work out after):
   * then it is read as text, never parsed, and sent as it comes (see `selected`).
   */
  readonly sentAsWritten: boolean;
}

export function compileAnswer(db: DataSource, shape: AnswerShape): CompiledAnswer {
  return { sql: answerSql(db, shape, 't'), sentAsWritten: !hasComputed(shape) };
}

function hasComputed(shape: AnswerShape): boolean {
  return shape.keys.some((key) => 'computed' in key || ('shape' in key && hasComputed(key.shape)));
}

/**
 * How a read SELECTs an answer's JSON (`json`: the answer's own SQL, or an aggregate of it): as
 * text when it is sent as written, for pg would otherwise parse every answer into objects that the
 * response then writes back out as the same JSON; as JSON (parsed) when computed keys are to be
 * worked out in it first.
 */
export function selected(answer: CompiledAnswer, json: string = answer.sql): string {
  return answer.sentAsWritten ? `(${json})::text` : json;
}

/**
 * An answer shape as one SQL expression over the row aliased `alias`: the row of the answer's keys,
 * in its order, as JSON (`to_json` of the row answerColumns selects, named `row.*`: a bare row name
 * is read as a column first, and a client may alias a field `t_answer`). The JSON it gives is the
 * answer, with nothing left for JavaScript to convert, written as JSON.stringify writes it: a row's
 * to_json and an array's JSON have no spaces, where json_build_object and json_agg write " : " and
 * ", ". So an answer sent as written is the same bytes the resolvers' answer is.
 */
function answerSql(db: DataSource, shape: AnswerShape, alias: string): string {
  return `(SELECT to_json(${alias}_answer.*) FROM (SELECT ${answerColumns(db, shape, alias)}) ${alias}_answer)`;
}

/**
 * The answer's keys as the select list of a row over `alias`, each key a column alias (longer than
 * PostgreSQL's identifiers, MAX_KEY_LENGTH, it is not compiled: answerShapeOf), each relation a
 * subquery of its rows' answers. Related rows are joined to their answer's row LATERALly, which the
 * planner folds into the relation's scan: a subquery per related row would plan and run once each.
 */
function answerColumns(db: DataSource, shape: AnswerShape, alias: string): string {
  const metadata = db.getMetadata(shape.entity);
  const relations = READABLE.get(shape.entity)?.relations ?? {};
  const parts: string[] = [];
  let index = 0;
  for (const key of shape.keys) {
    const name = identifier(key.key);
    if ('text' in key) {
      parts.push(`${literal(key.text)}::text AS ${name}`);
    } else if ('computed' in key) {
      parts.push(`${key.computed.facts(alias)} AS ${name}`);
    } else if ('column' in key) {
      const column = metadata.findColumnWithPropertyName(key.column);
      if (!column) throw new Error(`${metadata.name} has no column ${key.column}`);
      parts.push(`${alias}."${column.databaseName}" AS ${name}`);
    } else {
      const relation = relations[key.relation];
      if (!relation) throw new Error(`${metadata.name} has no readable relation ${key.relation}`);
      const child = `${alias}_${index++}`;
      const { from, where } = relation.join(child, alias);
      const rows = `FROM ${from} CROSS JOIN LATERAL (SELECT ${answerColumns(db, key.shape, child)}) ${child}_answer WHERE ${where}`;
      const order = relation.order ? ` ORDER BY ${relation.order(child)}` : '';
      parts.push(relation.many
        ? `coalesce((SELECT array_to_json(array_agg(to_json(${child}_answer.*)${order})) ${rows}), '[]'::json) AS ${name}`
        : `(SELECT to_json(${child}_answer.*) ${rows} LIMIT 1) AS ${name}`);
    }
  }
  return parts.join(', ');
}

/** The longest key an answer's SQL can carry: PostgreSQL's identifiers are at most 63 bytes (NAMEDATALEN - 1). */
export const MAX_KEY_LENGTH = 63;

/** A key as a quoted identifier (GraphQL names are letters, digits and underscores; quote anyway). */
const identifier = (text: string) => `"${text.replace(/"/g, '""')}"`;
