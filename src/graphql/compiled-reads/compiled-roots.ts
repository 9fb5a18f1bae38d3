import { type FieldNode, getNamedType, type GraphQLField, type GraphQLObjectType, isObjectType } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { validate } from 'class-validator';
import type { Page } from '../../common/pages';
import { ModificationFilter } from '../../modifications/modification.types';
import type { RequestContext } from '../context';
import { compiledAnswerOf, type Selection } from './answer-shape-of';

/**
 * A root field whose whole answer one statement can build, or null when this selection of it
 * cannot be (a computed field, an argument type-graphql would refuse): the resolvers answer then.
 */
export type CompiledRoot = (
  ctx: RequestContext,
  selection: Selection,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  args: Record<string, unknown>,
) => Promise<{ value: unknown } | null>;

/** The plain objects of a page (connection, edge, page info) projected onto what the selection asks. */
function project(
  selection: Selection,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  source: Record<string, unknown>,
  special: Record<string, (nodes: readonly FieldNode[]) => unknown> = {},
): Record<string, unknown> | null {
  const answer: Record<string, unknown> = {};
  for (const [key, fieldNodes] of collectSubfields(selection.schema, selection.fragments, selection.variables, type, nodes)) {
    const name = fieldNodes[0]!.name.value;
    if (name === '__typename') answer[key] = type.name;
    else if (special[name]) answer[key] = special[name](fieldNodes);
    else if (name in source && !isObjectType(getNamedType(type.getFields()[name]!.type))) answer[key] = source[name];
    else return null;
  }
  return answer;
}

/** type-graphql validates an input (class-validator) before the resolver sees it: so must this. */
async function validFilter(filter: unknown): Promise<ModificationFilter | undefined | null> {
  if (filter === undefined || filter === null) return undefined;
  const instance = Object.assign(new ModificationFilter(), filter);
  return (await validate(instance, { forbidUnknownValues: false })).length ? null : instance;
}

const modifications: CompiledRoot = async (ctx, selection, field, nodes, args) => {
  const connection = getNamedType(field.type) as GraphQLObjectType;
  const parts = collectSubfields(selection.schema, selection.fragments, selection.variables, connection, nodes);
  const edges = [...parts.values()].filter((n) => n[0]!.name.value === 'edges');
  // One shape per page: two differently aliased `edges` or `node`s are left to the resolvers.
  if (edges.length > 1) return null;
  const edgeType = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  const edgeParts = edges.length ? collectSubfields(selection.schema, selection.fragments, selection.variables, edgeType, edges[0]!) : new Map();
  const nodeFields = [...edgeParts.values()].filter((n) => n[0]!.name.value === 'node');
  if (nodeFields.length > 1) return null;
  const nodeType = getNamedType(edgeType.getFields().node!.type) as GraphQLObjectType;
  const answer = compiledAnswerOf(selection, nodeType, nodeFields[0] ?? []);
  const filter = await validFilter(args.filter);
  if (!answer || filter === null) return null;

  const page: Page<unknown> = await ctx.services.modificationReads.pageOfAnswers(ctx, answer, {
    filter,
    first: (args.first as number | null) ?? 50,
    after: (args.after as string | null) ?? null,
    countTotal: [...parts.values()].some((n) => n[0]!.name.value === 'totalCount'),
  });
  const pageInfoType = getNamedType(connection.getFields().pageInfo!.type) as GraphQLObjectType;
  const value = project(selection, connection, nodes, page as unknown as Record<string, unknown>, {
    pageInfo: (n) => project(selection, pageInfoType, n, page.pageInfo),
    edges: (n) => page.edges.map((edge) => project(selection, edgeType, n, edge, { node: () => edge.node })),
  });
  return value && { value };
};

const modification: CompiledRoot = async (ctx, selection, field, nodes, args) => {
  const answer = compiledAnswerOf(selection, getNamedType(field.type) as GraphQLObjectType, nodes);
  if (!answer) return null;
  return { value: await ctx.services.modificationReads.oneAnswer(ctx, answer, args.reference as string) };
};

/** The Query fields answered whole by one statement, when their selection allows it. */
export const COMPILED_ROOTS: Readonly<Record<string, CompiledRoot>> = { modifications, modification };
