import http from 'node:http';
import { Pool } from 'pg';
import { ServerStats } from './server-stats';
import { loadConfig } from '../../src/config/config';
import { FLOOR_BOARD_SQL, FLOOR_COMPUTED_PAGE_SQL, FLOOR_ONE_SQL, FLOOR_PAGE_SQL } from './page-sql';

/** The due-soon threshold the API judges with (its configuration's, from the same environment). */
const DUE_SOON = loadConfig(process.env).dueSoonWorkingDays;

type Variables = { first?: number; reference?: string; asOf?: string };
/** The statement and parameters for each of the benchmark's documents, by operation name. */
const STATEMENTS: Record<string, (v: Variables) => [string, unknown[]]> = {
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
const [url, port] = process.argv.slice(2);
// JIT compiling cost the computed page of 50 some 60 of its 73 ms (the planner's estimate for the
// target day's walk past pauses crosses jit_above_cost): the fastest answer turns it off.
const pool = new Pool({ connectionString: url, max: 10, options: '-c jit=off' });
const stats = new ServerStats();
stats.serveOverIpc();

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables: Variables };
    const [sql, params] = STATEMENTS[/^query (\w+)/.exec(query)![1]!]!(variables);
    const t0 = performance.now();
    stats.statementStarted();
    pool.query<{ body: string }>(sql, params).then(
      ({ rows }) => {
        stats.statementTook(performance.now() - t0);
        res.writeHead(200, { 'content-type': 'application/json' }).end(rows[0]!.body);
      },
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
});
server.listen(Number(port), '127.0.0.1', () => process.send?.({ ready: true }));
