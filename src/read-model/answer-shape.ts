import type { EntityClass } from './relations';

/**
 * An answer as the caller will read it, key by key in its order: a column's value, a fixed text
 * (a type's name), or a relation's rows in the same form. Where a ReadShape says what to read and
 * leaves the answer to resolvers, this is the answer itself; PostgreSQL builds it whole. The GraphQL
 * layer makes one from a selection that needs no resolver (src/graphql/compiled-reads).
 */
export interface AnswerShape {
  entity: EntityClass;
  keys: readonly AnswerKey[];
}

/**
 * A field worked out from facts of the row (a target day, an SLA position): the statement brings
 * the facts under its key as JSON (`facts` gives their SQL over the row's alias; fields that share a
 * `facts` function share one copy, under the first one's key), and the layer that planned the answer
 * replaces them with the field's value before it is sent.
 */
export interface ComputedFacts {
  facts(alias: string): string;
}

export type AnswerKey =
  | { key: string; column: string }
  | { key: string; text: string }
  | { key: string; relation: string; shape: AnswerShape }
  | { key: string; computed: ComputedFacts };
