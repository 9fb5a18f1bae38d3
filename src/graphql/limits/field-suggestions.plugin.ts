import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';

const SUGGESTION = /\s*Did you mean .*\?\s*$/;

/**
 * GraphQL answers a misspelt field with "Did you mean …?", which maps the schema for anybody.
 * A caller with a valid key may read the schema anyway and keeps the help; without one, the
 * suggestion is cut from the message.
 */
export const fieldSuggestionsForKeyHolders: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.auth?.caller || response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (!errors) return;
        response.body.singleResult.errors = errors.map((e) => (SUGGESTION.test(e.message) ? { ...e, message: e.message.replace(SUGGESTION, '') } : e));
      },
    };
  },
};
