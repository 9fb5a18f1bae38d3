import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { RequestContext } from '../context';
import { compiledAnswer } from './compiled-answer';
import type { KnownQueries } from './known-queries';

/**
 * Reads answered the way compiled GraphQL engines answer them: when every root field of a query
 * is one of COMPILED_ROOTS and its selection needs no resolver, PostgreSQL builds the whole answer
 * in one statement and graphql-js executes nothing (no resolver, no per-field bookkeeping, which
 * was most of what a page allocated). Anything else is left to the resolvers (compiledAnswer).
 * A query answered so is remembered in `known`, for the compiled-read lane to answer next time.
 */
export function compiledReads(known?: KnownQueries): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, schema, contextValue, request }) {
          // No operation (the document's several, unnamed): refused before this, and never read here.
          // Tried already by the compiled-read lane, and failed: the resolvers answer, with no second try.
          if (!operation || contextValue.compiledReadFailed) return null;
          let data: Record<string, unknown> | null;
          try {
            data = await compiledAnswer(contextValue, { schema, document, operation, variables: request.variables });
          } catch (err) {
            contextValue.logger.debug({ err }, 'compiled read not taken; the resolvers answer');
            return null;
          }
          if (!data) return null;
          if (known && request.query !== undefined) known.remember(request.query, request.operationName, { document, operation });
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
      };
    },
  };
}
