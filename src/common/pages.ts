import { InvalidInputError } from './errors';

/**
 * Keyset pages, as services return them: the GraphQL connection types (graphql/pagination.ts)
 * describe the same shape, but services know nothing of GraphQL.
 */
export const MAX_PAGE_SIZE = 500;
/** `first: 0` is a page of no rows: the count, and whether there are any (hasNextPage), without them. */
export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`first must be between 0 and ${MAX_PAGE_SIZE}; got ${first}`);
  }
  return first;
}

/** Cursors are opaque to clients: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === arity) return key;
  } catch {
    // fall through to the client's error
  }
  throw new InvalidInputError(`after: ${JSON.stringify(cursor)} is not a cursor this API gave out`);
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export interface PageRows<R, T> {
  /** `first + 1` rows at most: the extra one only says whether there is more. */
  rows: R[];
  first: number;
  totalCount: number;
  /** The cursor the page starts after, if any: a row lies before it. */
  after?: string | null;
  cursorOf: (row: R) => string;
  /** Each edge's node of its row (default: the row itself). */
  nodeOf?: (row: R) => T;
}

/**
 * Builds a Relay page. Pages go forward only (`first`, `after`): there is a previous page exactly
 * when the page starts after a cursor, which names a row before it.
 */
export function toPage<R, T = R>({ rows, first, totalCount, after, cursorOf, nodeOf = (row) => row as unknown as T }: PageRows<R, T>): Page<T> {
  const edges = rows.slice(0, first).map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: Boolean(after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
