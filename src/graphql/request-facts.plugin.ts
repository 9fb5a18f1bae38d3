import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './context';

/** Tells the request's log line and metric which operation it was and how it ended ("ok" or the first error's code). */
export const requestFacts: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operationName, response }) {
        const facts = contextValue.requestFacts;
        if (!facts) return;
        facts.operation = operationName ?? 'anonymous';
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        facts.outcome = errors?.length ? String(errors[0]!.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'ok';
      },
    };
  },
};
