import { InvalidInputError } from './errors';

/**
 * Keyset pages, as services return them: the GraphQL connection types (graphql/pagination.ts)
 * describe the same shape, but services know nothing of GraphQL.
 */
export const MAX_PAGE_SIZE = 500;
export function checkPageSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new InvalidInputError(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${first}`);
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
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
/**
 * Builds a page from `first + 1` fetched rows: the extra one only says whether there is more.
 * `nodeOf` makes each edge's node of its row (default: the row itself).
 */
export function toPage<R, T = R>(
  rows: R[], first: number, totalCount: number, cursorOf: (row: R) => string, nodeOf: (row: R) => T = (row) => row as unknown as T,
): Page<T> {
  const edges = rows.slice(0, first).map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
