import type { ApolloServerPlugin } from '@apollo/server';

const OUTAGE_CODES = new Set(['UNAVAILABLE', 'TIMEOUT']);

/** An answer that met an outage is a 503, so proxies and clients retry it as such. */
export const outageStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { errors } = response.body.singleResult;
        if (errors?.some((e) => OUTAGE_CODES.has(String(e.extensions?.code)))) response.http.status = 503;
      },
    };
  },
};
