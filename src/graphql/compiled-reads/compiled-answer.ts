import { type DocumentNode, type FragmentDefinitionNode, getArgumentValues, getVariableValues, type GraphQLSchema, Kind, type OperationDefinitionNode } from 'graphql';
import { collectFields } from 'graphql/execution/collectFields';
import { allowedRoles } from '../access';
import type { RequestContext } from '../context';
import type { Selection } from './answer-shape-of';
import { COMPILED_ROOTS } from './compiled-roots';

/** A query as graphql-js has read and validated it, with the variables it was sent with. */
export interface ReadQuery {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The query's `data` when every root field is one of COMPILED_ROOTS, the caller's role may read
 * it, and its selection needs no resolver: PostgreSQL has built each root's whole answer in one
 * statement. null when it cannot be answered so (a bad variable, an argument type-graphql would
 * refuse, a selection the statement cannot shape). It throws what failed on the way (a statement
 * refused or timed out, a service's NOT_FOUND): either way the resolvers answer, and word any error.
 */
export async function compiledAnswer(ctx: RequestContext, { schema, document, operation, variables }: ReadQuery): Promise<Record<string, unknown> | null> {
  if (operation.operation !== 'query') return null;
  const caller = ctx.auth.caller;
  if (!caller) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const booleans = Object.entries(coerced.coerced).filter(([, value]) => typeof value === 'boolean');
  const selection: Selection = { schema, fragments, variables: coerced.coerced, directiveKey: JSON.stringify(booleans), db: ctx.db };
  const query = schema.getQueryType()!;
  const data: Record<string, unknown> = {};
  for (const [key, nodes] of collectFields(schema, fragments, coerced.coerced, query, operation.selectionSet)) {
    const name = nodes[0]!.name.value;
    const root = COMPILED_ROOTS[name];
    if (!root || !allowedRoles(schema, query.name, name)?.includes(caller.role)) return null;
    const field = query.getFields()[name]!;
    const answer = await root(ctx, selection, field, nodes, getArgumentValues(field, nodes[0]!, coerced.coerced));
    if (!answer) return null;
    data[key] = answer.value;
  }
  if (ctx.logger.isLevelEnabled('debug')) ctx.logger.debug({ compiledRoots: Object.keys(data) }, 'answered by one compiled statement');
  return data;
}
