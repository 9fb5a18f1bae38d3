import type { Response } from 'express';

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

export function requestFactsOf(res: Response): RequestFacts {
  return ((res.locals as { facts?: RequestFacts }).facts ??= {});
}
