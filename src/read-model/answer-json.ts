import type { DataSource } from 'typeorm';
import type { AnswerShape } from './answer-shape';
import { READABLE } from './relations';
import { relationSql } from './row-json';

/** A key as a SQL string literal (keys are GraphQL names and aliases, but quote them anyway). */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** An answer shape as SQL, over a row aliased `t`: what the reads of a service put in their SELECT. */
export interface CompiledAnswer {
  readonly sql: string;
}

export function compileAnswer(db: DataSource, shape: AnswerShape): CompiledAnswer {
  return { sql: answerSql(db, shape, 't') };
}

/**
 * An answer shape as one SQL expression over the row aliased `alias`: a json_build_object
 * with the answer's keys in its order, each relation a subquery (recursively). The JSON it gives is
 * the answer, with nothing left for JavaScript to convert.
 */
function answerSql(db: DataSource, shape: AnswerShape, alias: string): string {
  const metadata = db.getMetadata(shape.entity);
  const relations = READABLE.get(shape.entity)?.relations ?? {};
  const parts: string[] = [];
  let index = 0;
  for (const key of shape.keys) {
    if ('text' in key) {
      parts.push(`${literal(key.key)}, ${literal(key.text)}`);
    } else if ('computed' in key) {
      parts.push(`${literal(key.key)}, ${key.computed.facts(alias)}`);
    } else if ('column' in key) {
      const column = metadata.findColumnWithPropertyName(key.column);
      if (!column) throw new Error(`${metadata.name} has no column ${key.column}`);
      parts.push(`${literal(key.key)}, ${alias}."${column.databaseName}"`);
    } else {
      const relation = relations[key.relation];
      if (!relation) throw new Error(`${metadata.name} has no readable relation ${key.relation}`);
      const childAlias = `${alias}_${index++}`;
      parts.push(`${literal(key.key)}, ${relationSql(relation, answerSql(db, key.shape, childAlias), childAlias, alias)}`);
    }
  }
  return `json_build_object(${parts.join(', ')})`;
}
