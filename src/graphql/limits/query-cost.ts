import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, getNullableType, GraphQLError, isLeafType, isListType } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

/** Lists already bounded by their connection's `first`: an edge list costs what its page does. */
const PAGE_LISTS = new Set(['edges', 'nodes']);

/**
 * What a field costs, before it runs: 1 per object (leaves are free), a page of `first` items
 * `first` times its items' cost, and a plain list (a release's proposals) `listSizeEstimate`
 * times. So a page of 500 proposals with their assessments is cheap enough, and a query 17 levels
 * deep through releases and their proposals is not, whatever its aliases and fragments.
 */
export function fieldCost(listSizeEstimate: number): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
    if (typeof args.first === 'number') return own + Math.max(0, args.first) * childComplexity;
    if (isListType(getNullableType(field.type)) && !PAGE_LISTS.has(field.name)) return listSizeEstimate * (own + childComplexity);
    return own + childComplexity;
  };
}

/**
 * Refuses an operation whose cost exceeds `maxCost` once its variables are known, before any
 * resolver runs (a validation rule would not see the variables: `first: $n`).
 */
export function queryCostPlugin(maxCost: number, listSizeEstimate: number): ApolloServerPlugin {
  const estimators = [fieldCost(listSizeEstimate)];
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({ schema, query: document, variables: request.variables ?? {}, operationName: request.operationName, estimators });
          } catch {
            // Variables that do not fit their types: execution refuses them (BAD_USER_INPUT) before any resolver runs.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `This query would cost ${cost}, over the limit of ${maxCost}: ask for smaller pages (first), fewer nested lists or fewer aliases`,
              { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
