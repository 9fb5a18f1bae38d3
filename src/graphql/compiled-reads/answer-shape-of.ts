import {
  type FieldNode, type FragmentDefinitionNode, getNamedType, getNullableType, GraphQLBoolean, GraphQLID, GraphQLInt, type GraphQLNamedType,
  type GraphQLObjectType, type GraphQLSchema, GraphQLString, isEnumType, isListType, isNonNullType, isObjectType,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import type { DataSource } from 'typeorm';
import { type CompiledAnswer, compileAnswer } from '../../read-model/answer-json';
import type { AnswerKey, AnswerShape } from '../../read-model/answer-shape';
import { type EntityClass, READABLE } from '../../read-model/relations';
import { LocalDateScalar } from '../scalars';

/** What the planner reads a selection with: graphql-js's own field collection (fragments, @skip, @include). */
export interface Selection {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** The values of the Boolean variables: all that can change a selection (@include, @skip) between calls. */
  directiveKey: string;
  db: DataSource;
}

/** json_build_object takes at most 100 arguments: 50 keys. A wider selection is left to the resolvers. */
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
/** The readable entity a GraphQL object type shows (type-graphql names a type after its class). */
function entityOf(type: GraphQLObjectType): EntityClass | null {
  if (!entities.has(type.name)) entities.set(type.name, [...READABLE.keys()].find((entity) => entity.name === type.name) ?? null);
  return entities.get(type.name)!;
}

function sameInJson(named: GraphQLNamedType, columnType: string): boolean {
  if (isEnumType(named)) return columnType === 'text' && named.getValues().every((v) => v.value === v.name);
  return SAME_IN_JSON.get(named)?.includes(columnType) ?? false;
}

/**
 * The answer a selection of a readable type asks for, when every field in it is a column (as the
 * scalar writes it), a type name or a registered relation without arguments, recursively; else
 * null, and the resolvers answer it as before.
 */
function answerShapeOf(selection: Selection, type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): AnswerShape | null {
  const entity = entityOf(type);
  if (!entity) return null;
  const readable = READABLE.get(entity)!;
  const metadata = selection.db.getMetadata(entity);
  const fields = collectSubfields(selection.schema, selection.fragments, selection.variables, type, fieldNodes);
  if (fields.size > MAX_KEYS) return null;
  const keys: AnswerKey[] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0]!.name.value;
    if (name === '__typename') {
      keys.push({ key, text: type.name });
      continue;
    }
    const field = type.getFields()[name];
    if (!field || field.args.length > 0) return null;
    const named = getNamedType(field.type);
    if (readable.relations[name]) {
      if (!isObjectType(named)) return null;
      const shape = answerShapeOf(selection, named, nodes);
      if (!shape) return null;
      keys.push({ key, relation: name, shape });
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
  return { entity, keys };
}

const compiled = new WeakMap<FieldNode, Map<string, CompiledAnswer | null>>();
/**
 * The answer's SQL, compiled once per selection: clients send the same documents again and again,
 * and Apollo keeps each parsed document, so its field nodes are the same objects every time.
 */
export function compiledAnswerOf(selection: Selection, type: GraphQLObjectType, fieldNodes: readonly FieldNode[]): CompiledAnswer | null {
  const first = fieldNodes[0];
  if (!first) return null;
  let known = compiled.get(first);
  if (!known) compiled.set(first, (known = new Map()));
  const key = `${type.name} ${fieldNodes.length} ${selection.directiveKey}`;
  if (!known.has(key)) {
    const shape = answerShapeOf(selection, type, fieldNodes);
    known.set(key, shape && compileAnswer(selection.db, shape));
  }
  return known.get(key)!;
}
