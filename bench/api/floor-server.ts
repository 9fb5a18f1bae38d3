import { DUE_SOON, floorPool, serveFloor } from './floor-http';
import { FLOOR_BOARD_SQL, FLOOR_COMPUTED_PAGE_SQL, FLOOR_ONE_SQL, FLOOR_PAGE_SQL } from './page-sql';

/** The statement and parameters for each of the benchmark's documents, by operation name. */
const STATEMENTS: Record<string, (v: Record<string, unknown>) => [string, unknown[]]> = {
  Page: (v) => [FLOOR_PAGE_SQL, [v.first]],
  One: (v) => [FLOOR_ONE_SQL, [v.reference]],
  ComputedPage: (v) => [FLOOR_COMPUTED_PAGE_SQL, [v.first, v.asOf, DUE_SOON]],
  Board: (v) => [FLOOR_BOARD_SQL, [v.asOf, DUE_SOON, v.first]],
};

/**
 * The floor: a bare node:http server and pg, one hand-written statement per request, its JSON made
 * by PostgreSQL and sent as it comes. No GraphQL, no access check: what the hardware allows.
 * argv: DATABASE_URL PORT.
 */
const [url, port] = process.argv.slice(2) as [string, string];
serveFloor(floorPool(url), Number(port), ({ operation, variables }) => {
  const [sql, params] = STATEMENTS[operation]!(variables);
  return { sql, params };
});
