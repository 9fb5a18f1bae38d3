import http from 'node:http';
import { Pool } from 'pg';
import { ServerStats } from './server-stats';
import { FLOOR_ONE_SQL, FLOOR_PAGE_SQL } from './page-sql';

/**
 * The floor: a bare node:http server and pg, one hand-written statement per request, its JSON made
 * by PostgreSQL and sent as it comes. No GraphQL, no access check: what the hardware allows.
 * argv: DATABASE_URL PORT.
 */
const [url, port] = process.argv.slice(2);
const pool = new Pool({ connectionString: url, max: 10 });
const stats = new ServerStats();
stats.serveOverIpc();

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { first?: number; reference?: string } };
    const [sql, params] = variables.reference ? [FLOOR_ONE_SQL, [variables.reference]] : [FLOOR_PAGE_SQL, [variables.first]];
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
