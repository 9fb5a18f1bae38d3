import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, getNamedType, getNullableType, GraphQLError, type GraphQLSchema, isLeafType, isListType } from 'graphql';
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
 * What a cost can depend on: the numbers (`first`), the booleans (@include, @skip) and the nulls
 * among the variables, and the operation. Texts (a cursor, a search) and input objects cannot, so
 * the next page of a query costs no new walk.
 */
function costKey(variables: Readonly<Record<string, unknown>>, operationName?: string): string {
  const parts: unknown[] = [operationName ?? null];
  for (const [name, value] of Object.entries(variables)) {
    if (value === null || typeof value === 'number' || typeof value === 'boolean') parts.push(name, value);
    // A text where a number belongs fails coercion: keep it apart from the valid calls.
    else if (typeof value !== 'string' && typeof value !== 'object') parts.push(name, String(value));
    else parts.push(name, typeof value);
  }
  return JSON.stringify(parts);
}

/** Says whether an operation, with the variables it was sent with, costs more than a request may. */
export type CostCheck = (schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>>, operationName?: string) => GraphQLError | null;

/**
 * Refuses an operation whose cost exceeds `maxCost` once its variables are known, before any
 * resolver runs (a validation rule would not see the variables: `first: $n`).
 */
export function queryCostCheck(maxCost: number, listSizeEstimate: number): CostCheck {
  const estimators = [fieldCost(listSizeEstimate)];
  // Walking the document is a good part of a small read's work, and clients send the same few
  // documents again and again: the cost is kept per document (Apollo keeps parsed documents, so the
  // same text is the same object) and per the variables a cost can depend on.
  const costs = new WeakMap<DocumentNode, Map<string, number | null>>();
  const costOf = (schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>>, operationName?: string): number | null => {
    let known = costs.get(document);
    if (!known) costs.set(document, (known = new Map()));
    const key = costKey(variables, operationName);
    if (!known.has(key)) {
      if (known.size >= 100) known.clear();
      try {
        known.set(key, getComplexity({ schema, query: document, variables: { ...variables }, operationName, estimators }));
      } catch {
        // Variables that do not fit their types: execution refuses them (BAD_USER_INPUT) before any resolver runs.
        known.set(key, null);
      }
    }
    return known.get(key)!;
  };
  return (schema, document, variables, operationName) => {
    const cost = costOf(schema, document, variables, operationName);
    if (cost === null || cost <= maxCost) return null;
    return new GraphQLError(
      `This query would cost ${cost}, over the limit of ${maxCost}: ask for smaller pages (first), fewer nested lists or fewer aliases`,
      { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', cost, maxCost, http: { status: 400 } } },
    );
  };
}

/** The cost check, as Apollo runs it once the operation is resolved. */
export function queryCostPlugin(check: CostCheck): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const refusal = check(schema, document, request.variables ?? {}, request.operationName);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
