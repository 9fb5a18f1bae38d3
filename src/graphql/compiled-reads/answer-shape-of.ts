import {
  type FieldNode, type FragmentDefinitionNode, getNamedType, type GraphQLField, getNullableType, GraphQLBoolean, GraphQLID, GraphQLInt, type GraphQLNamedType,
  type GraphQLObjectType, type GraphQLSchema, GraphQLString, isEnumType, isLeafType, isListType, isNonNullType, isObjectType,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import type { DataSource } from 'typeorm';
import { type CompiledAnswer, compileAnswer, MAX_KEY_LENGTH } from '../../read-model/answer-json';
import type { AnswerKey, AnswerShape, ComputedFacts } from '../../read-model/answer-shape';
import { type EntityClass, READABLE } from '../../read-model/relations';
import { LocalDateScalar } from '../scalars';
import { type ComputeEnv, compiledComputedOf } from './computed-fields';

/** What the planner reads a selection with: graphql-js's own field collection (fragments, @skip, @include). */
export interface Selection {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** The values of the Boolean variables: all that can change a selection (@include, @skip) between calls. */
  directiveKey: string;
  db: DataSource;
}

/**
 * A wider selection is left to the resolvers. The bound was json_build_object's (100 arguments: 50
 * keys); a row's select list allows 1,664 columns, but no test covers wider rows yet.
 */
const MAX_KEYS = 50;

/**
 * The column types whose JSON, as PostgreSQL writes it, is what the GraphQL scalar serializes to.
 * Anything else (an instant, a numeric read through a getter, a computed field) keeps its resolver.
 */
const SAME_IN_JSON = new Map<GraphQLNamedType, readonly string[]>([
  [GraphQLString, ['text', 'varchar', 'character varying']],
  [GraphQLID, ['uuid', 'text', 'varchar']],
  [GraphQLInt, ['integer', 'int', 'int4', 'smallint']],
  [GraphQLBoolean, ['boolean', 'bool']],
  [LocalDateScalar, ['date']],
]);

const entities = new Map<string, EntityClass | null>();
/** The readable entity a GraphQL object type shows: each register type is named after its entity class (its face, XObject, says so). */
function entityOf(type: GraphQLObjectType): EntityClass | null {
  if (!entities.has(type.name)) entities.set(type.name, [...READABLE.keys()].find((entity) => entity.name === type.name) ?? null);
  return entities.get(type.name)!;
}

function sameInJson(named: GraphQLNamedType, columnType: string): boolean {
  if (isEnumType(named)) return columnType === 'text' && named.getValues().every((v) => v.value === v.name);
  return SAME_IN_JSON.get(named)?.includes(columnType) ?? false;
}

/** The facts of a computed field that another key of the row already brings: none of its own. */
const FACTS_ELSEWHERE: ComputedFacts = { facts: () => 'NULL' };

/** What finishing an answer needs: the computed fields' environment, and their arguments in this request. */
export interface FinishEnv extends ComputeEnv {
  /** A field's arguments as its resolver would get them, read once per request (every row asks the same). */
  argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown>;
}

/** Works out, in place, the computed fields of one answer row (and of its relations' rows). */
export type Finish = (row: Record<string, unknown>, env: FinishEnv) => void;

/**
 * A planned answer: its SQL, and, when it holds computed fields, what finishes each row and whether
 * any of them reads the Working Day calendar (only then is the calendar fetched for the request).
 */
export type PlannedAnswer = CompiledAnswer & { finish?: Finish; readsCalendar?: boolean };

/**
 * The keys a selection of a computed field's object result asks for (an SLA position's status,
 * its Working Days): plain values only, as the calculator returns them; null when it asks more.
 */
function leafProjection(selection: Selection, type: GraphQLObjectType, nodes: readonly FieldNode[]): Array<[string, string]> | null {
  const keys: Array<[string, string]> = [];
  for (const [key, fieldNodes] of collectSubfields(selection.schema, selection.fragments, selection.variables, type, nodes)) {
    const name = fieldNodes[0]!.name.value;
    const field = type.getFields()[name];
    if (name !== '__typename' && (!field || field.args.length || !isLeafType(getNamedType(field.type)))) return null;
    keys.push([key, name]);
  }
  return keys;
}

/**
 * The answer a selection of a readable type asks for, when every field in it is a column (as the
 * scalar writes it), a type name, a registered relation without arguments (recursively), or a
 * computed field the compiled path knows (computed-fields.ts: its facts in the statement, its value
 * worked out after it by the resolver's own code); else null, and the resolvers answer as before.
 */
function answerShapeOf(selection: Selection, type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): { shape: AnswerShape; finish?: Finish; readsCalendar: boolean } | null {
  const entity = entityOf(type);
  if (!entity) return null;
  const readable = READABLE.get(entity)!;
  const metadata = selection.db.getMetadata(entity);
  const fields = collectSubfields(selection.schema, selection.fragments, selection.variables, type, fieldNodes);
  if (fields.size > MAX_KEYS) return null;
  const keys: AnswerKey[] = [];
  const finishes: Finish[] = [];
  // Computed fields that read the same facts (targetCompletionOn and sla, or one field under two
  // aliases) have them once in the statement, under the first one's key: the others' keys hold null.
  const factsKeys = new Map<ComputedFacts['facts'], string>();
  const computedSteps: Array<{ factsKey: string; apply(row: Record<string, unknown>, facts: unknown, env: FinishEnv): void }> = [];
  let readsCalendar = false;
  for (const [key, nodes] of fields) {
    const name = nodes[0]!.name.value;
    // An alias longer than a column alias can be would be cut short by PostgreSQL: the resolvers answer it.
    if (key.length > MAX_KEY_LENGTH) return null;
    if (name === '__typename') {
      keys.push({ key, text: type.name });
      continue;
    }
    const field = type.getFields()[name];
    if (!field) return null;
    const named = getNamedType(field.type);
    const computed = compiledComputedOf(type.name, field);
    if (computed) {
      const projection = isObjectType(named) ? leafProjection(selection, named, nodes) : undefined;
      if (projection === null) return null;
      const factsKey = factsKeys.get(computed.facts);
      if (factsKey === undefined) factsKeys.set(computed.facts, key);
      keys.push({ key, computed: factsKey === undefined ? computed : FACTS_ELSEWHERE });
      readsCalendar ||= computed.readsCalendar;
      computedSteps.push({
        factsKey: factsKey ?? key,
        apply: (row, facts, env) => {
          // Arguments are read per request: the plan is kept per document, the variables are not.
          const value = computed.compute(facts, env.argumentsOf(field, nodes[0]!), env) as Record<string, unknown> | null;
          if (!projection || value === null) {
            row[key] = value;
            return;
          }
          const projected: Record<string, unknown> = {};
          for (const [k, f] of projection) projected[k] = f === '__typename' ? named.name : value[f];
          row[key] = projected;
        },
      });
      continue;
    }
    if (field.args.length > 0) return null;
    if (readable.relations[name]) {
      if (!isObjectType(named)) return null;
      const planned = answerShapeOf(selection, named, nodes);
      if (!planned) return null;
      keys.push({ key, relation: name, shape: planned.shape });
      readsCalendar ||= planned.readsCalendar;
      const child = planned.finish;
      if (child) {
        finishes.push((row, env) => {
          const related = row[key] as Record<string, unknown> | Array<Record<string, unknown>> | null;
          if (Array.isArray(related)) for (const r of related) child(r, env);
          else if (related) child(related, env);
        });
      }
      continue;
    }
    // The register's types are simpleResolvers: a field with a resolver of its own is computed.
    if (readable.computed[name] || field.resolve) return null;
    const column = metadata.findColumnWithPropertyName(name);
    if (!column || typeof column.type !== 'string' || !sameInJson(named, column.type)) return null;
    if (column.isArray !== isListType(getNullableType(field.type))) return null;
    // graphql-js would answer an error for a null in a non-null field; the database must rule it out.
    if (isNonNullType(field.type) && column.isNullable) return null;
    keys.push({ key, column: name });
  }
  if (computedSteps.length) {
    finishes.unshift((row, env) => {
      // Every field's facts are read before any key is given its value: a shared key is one of them.
      const facts = computedSteps.map((step) => row[step.factsKey]);
      computedSteps.forEach((step, i) => step.apply(row, facts[i], env));
    });
  }
  const finish: Finish | undefined = finishes.length ? (row, env) => {
    for (const f of finishes) f(row, env);
  } : undefined;
  return { shape: { entity, keys }, finish, readsCalendar };
}

const compiled = new WeakMap<FieldNode, Map<string, PlannedAnswer | null>>();
/**
 * The answer's SQL, compiled once per selection: clients send the same documents again and again,
 * and Apollo keeps each parsed document, so its field nodes are the same objects every time.
 */
export function compiledAnswerOf(selection: Selection, type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): PlannedAnswer | null {
  const first = fieldNodes[0];
  if (!first) return null;
  let known = compiled.get(first);
  if (!known) compiled.set(first, (known = new Map()));
  const key = `${type.name} ${fieldNodes.length} ${selection.directiveKey}`;
  if (!known.has(key)) {
    const planned = answerShapeOf(selection, type, fieldNodes);
    known.set(key, planned && { ...compileAnswer(selection.db, planned.shape), finish: planned.finish, readsCalendar: planned.readsCalendar });
  }
  return known.get(key)!;
}
