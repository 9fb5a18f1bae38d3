import http from 'node:http';
import { Pool } from 'pg';
import { loadConfig } from '../../src/config/config';
import { pooledClient } from '../../src/infra/database/pooled-client';
import { prepared } from '../../src/infra/database/prepared-statements';
import { ServerStats } from './server-stats';

/** The due-soon threshold the API judges with (its configuration's, from the same environment). */
export const DUE_SOON = loadConfig(process.env).dueSoonWorkingDays;

/** A benchmark request as a floor reads it: the document's operation name and its variables. */
export interface FloorRequest {
  operation: string;
  variables: Record<string, unknown>;
}

/** What a floor does for a request: its one statement, and what it sends of the statement's JSON text (as it comes, by default). */
export interface FloorAnswer {
  sql: string;
  params: unknown[];
  send?(body: string): string;
}

/** Every statement a floor sends is prepared (it has a handful), as the API's records and the compiled engine's statements are. */
const FLOOR_STATEMENTS = 100;

/**
 * A floor's pool. JIT off, as every connection of the service runs: JIT compiling cost the computed
 * page of 50 some 60 of its 73 ms (the planner's estimate for the target day's walk past pauses
 * crosses jit_above_cost), and the fastest answer turns it off.
 */
export const floorPool = (url: string) => new Pool({ connectionString: url, max: 10, options: '-c jit=off', Client: pooledClient(FLOOR_STATEMENTS) });

/**
 * A floor's server: bare node:http and pg, one statement per request, timed for the orchestrator
 * (ServerStats over IPC), the answer sent as `answer` says. Tells the orchestrator when it serves.
 */
export function serveFloor(pool: Pool, port: number, answer: (request: FloorRequest) => FloorAnswer): void {
  const stats = new ServerStats();
  stats.serveOverIpc();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables: Record<string, unknown> };
      const { sql, params, send } = answer({ operation: /^query (\w+)/.exec(query)![1]!, variables });
      const t0 = performance.now();
      stats.statementStarted();
      // Prepared: a floor plans no more than the API and the compiled engine do.
      pool.query<{ body: string }>(prepared(sql), params).then(
        ({ rows }) => {
          stats.statementTook(performance.now() - t0);
          res.writeHead(200, { 'content-type': 'application/json' }).end(send ? send(rows[0]!.body) : rows[0]!.body);
        },
        (err: Error) => res.writeHead(500).end(err.message),
      );
    });
  });
  server.listen(port, '127.0.0.1', () => process.send?.({ ready: true }));
}
