import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, type DocumentNode, visit } from 'graphql';
import { KEY_REFUSALS } from '../../auth/key-refusals';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors';
import type { RequestContext } from '../context';

/**
 * Each document's verdict, kept: Apollo keeps every parsed document and hands the same object to
 * each request that sends the same text, so the walk is done once per document, not per request
 * (it was about 2.5% of a small request's CPU time).
 */
const verdicts = new WeakMap<DocumentNode, boolean>();

/** Whether a document asks for the schema itself (`__schema`, `__type`); `__typename` is an answer's own. */
function introspects(document: DocumentNode): boolean {
  let verdict = verdicts.get(document);
  if (verdict === undefined) verdicts.set(document, (verdict = walksToTheSchema(document)));
  return verdict;
}

function walksToTheSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Introspection answers callers with a valid key, and nobody else, whatever NODE_ENV says (Apollo
 * ties it to NODE_ENV by default); GRAPHQL_INTROSPECTION=false turns it off for everybody.
 */
export function introspectionForKeyHolders(enabled: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!introspects(document)) return;
          if (!enabled) throw new ForbiddenError('Introspection is turned off on this service (GRAPHQL_INTROSPECTION=false): the schema is in schema/schema.graphql');
          if (!contextValue.auth.caller) {
            throw new UnauthenticatedError(`Introspection answers callers with a valid API key. ${contextValue.auth.presented ? KEY_REFUSALS.invalid : KEY_REFUSALS.missing}`);
          }
        },
      };
    },
  };
}
