import type { ServerResponse } from 'node:http';

declare module 'node:http' {
  interface ServerResponse {
    /** Express's res.locals; made here for a request answered before Express sees it (the compiled-read lane). */
    locals?: Record<string, unknown>;
  }
}

/**
 * What the layers of a request learn about it, for its log line and its metrics: the GraphQL
 * operation and its outcome (from Apollo), and the name of the key that sent it (never the key).
 */
export interface RequestFacts {
  operation?: string;
  /** "ok", or the first error's code. */
  outcome?: string;
  keyName?: string;
}

/** The response's locals, where Express keeps them: Express adopts ones made before it saw the request. */
export function localsOf(res: ServerResponse): Record<string, unknown> {
  return (res.locals ??= Object.create(null) as Record<string, unknown>);
}

export function requestFactsOf(res: ServerResponse): RequestFacts {
  return ((localsOf(res) as { facts?: RequestFacts }).facts ??= {});
}
