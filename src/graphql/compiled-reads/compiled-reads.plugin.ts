import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type FragmentDefinitionNode, getArgumentValues, getVariableValues, Kind } from 'graphql';
import { collectFields } from 'graphql/execution/collectFields';
import { allowedRoles } from '../access';
import type { RequestContext } from '../context';
import type { Selection } from './answer-shape-of';
import { COMPILED_ROOTS } from './compiled-roots';

/**
 * Reads answered the way compiled GraphQL engines answer them: when every root field of a query
 * is one of COMPILED_ROOTS and its selection needs no resolver, PostgreSQL builds the whole answer
 * in one statement and graphql-js executes nothing (no resolver, no per-field bookkeeping, which
 * was most of what a page allocated). Anything else, and anything unusual on the way (a refused
 * caller, a bad argument, a failed statement), is left to the resolvers, which answer it exactly
 * as before: errors are theirs alone to word.
 */
export const compiledReads: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async responseForOperation(requestContext) {
        const { operation, document, schema, contextValue: ctx, request } = requestContext;
        // No operation (the document's several, unnamed): refused before this, and never read here.
        if (operation?.operation !== 'query') return null;
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 });
        if (coerced.errors) return null;
        const fragments: Record<string, FragmentDefinitionNode> = {};
        for (const definition of document.definitions) {
          if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
        }
        const booleans = Object.entries(coerced.coerced).filter(([, value]) => typeof value === 'boolean');
        const selection: Selection = { schema, fragments, variables: coerced.coerced, directiveKey: JSON.stringify(booleans), db: ctx.db };
        const query = schema.getQueryType()!;
        const data: Record<string, unknown> = {};
        try {
          for (const [key, nodes] of collectFields(schema, fragments, coerced.coerced, query, operation.selectionSet)) {
            const name = nodes[0]!.name.value;
            const root = COMPILED_ROOTS[name];
            const caller = ctx.auth.caller;
            if (!root || !caller || !allowedRoles(schema, query.name, name)?.includes(caller.role)) return null;
            const field = query.getFields()[name]!;
            const answer = await root(ctx, selection, field, nodes, getArgumentValues(field, nodes[0]!, coerced.coerced));
            if (!answer) return null;
            data[key] = answer.value;
          }
        } catch (err) {
          ctx.logger.debug({ err }, 'compiled read not taken; the resolvers answer');
          return null;
        }
        if (ctx.logger.isLevelEnabled('debug')) ctx.logger.debug({ compiledRoots: Object.keys(data) }, 'answered by one compiled statement');
        return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
      },
    };
  },
};
