import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationRule } from 'graphql';
import type { GraphqlLimits } from '../../config/config';
import { queryCostPlugin } from './query-cost';

/**
 * Everything checked before a resolver runs (issue 8): depth, aliases and directives by
 * graphql-armor (maintained, made for this), tokens by graphql-js's parser, cost weighted by
 * `first` (graphql-query-complexity), and the operation type. A refused query answers 400 with the limit it broke.
 */
export function queryLimits(limits: GraphqlLimits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[]; parseOptions: ParseOptions } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    // graphql-js counts tokens itself as it parses (a syntax error, 400); armor's plugin throws where Apollo answers 500.
    maxTokens: { enabled: false },
    // Our own: cost needs the variables (queryCostPlugin), and suggestions depend on the caller.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, queryCostPlugin(limits.maxCost, limits.listSizeEstimate), onlyQueriesAndMutations],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** There is no Subscription type: say so as a client error, not an internal one. */
const onlyQueriesAndMutations: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError('Subscriptions are not supported: ask with a query (and again later for news)', {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      },
    };
  },
};
