import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type ParseOptions, type ValidationRule } from 'graphql';
import type { GraphqlLimits } from '../../config/config';
import { type CostCheck, queryCostCheck, queryCostPlugin } from './query-cost';

/**
 * Everything checked before a resolver runs (issue 8): depth, aliases and directives by
 * graphql-armor (maintained, made for this), tokens by graphql-js's parser, cost weighted by
 * `first` (graphql-query-complexity), and the operation type. A refused query answers 400 with the limit it broke.
 */
export function queryLimits(limits: GraphqlLimits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[]; parseOptions: ParseOptions; cost: CostCheck } {
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
  const cost = queryCostCheck(limits.maxCost, limits.listSizeEstimate);
  return {
    validationRules: armor.validationRules,
    // The operation is settled first: every later check, and the compiled reads, read it.
    plugins: [oneQueryOrMutation, ...armor.plugins, queryCostPlugin(cost)],
    parseOptions: { maxTokens: limits.maxTokens },
    // For the compiled-read lane, which answers known queries without Apollo: cost is the one limit that reads the variables.
    cost,
  };
}

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/**
 * The request names one operation of its document, a query or a mutation: a document of several
 * operations without `operationName`, or with one that names none of them, is the client's mistake
 * and is said so before anything else reads the operation. There is no Subscription type.
 */
export const oneQueryOrMutation: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request }) {
        if (!operation) {
          const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
          if (names.length === 0) throw badRequest('The document holds no operation: send a query or a mutation');
          if (typeof request.operationName !== 'string') {
            throw badRequest(`The document holds ${names.length} operations (${names.join(', ')}): name the one to run in operationName`);
          }
          throw badRequest(`operationName ${JSON.stringify(request.operationName)} names no operation of the document (it holds ${names.join(', ')})`);
        }
        if (operation.operation === 'subscription') {
          throw badRequest('Subscriptions are not supported: ask with a query (and again later for news)');
        }
      },
    };
  },
};
