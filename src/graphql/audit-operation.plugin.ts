import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { RequestContext } from './context';

/** Names the request's operation for the audit log once it is read: `mutation changePhase,addHoliday`. */
export const auditOperation: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operation }) {
        if (!operation || !contextValue.audit) return;
        const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
        contextValue.audit.operation = `${operation.operation} ${fields.join(',')}`;
      },
    };
  },
};
