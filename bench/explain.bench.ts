import 'reflect-metadata';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { seededDatabase } from './bench-server';
import { startBenchApi } from './api/bench-api';
import { seedVolume, type Volume } from './api/seed-volume';
import { PAGE_QUERY } from './api/page-sql';

/**
 * npm run bench:explain — the register's read statements at ten times the volume.
 *
 * Seeds 100,000 proposals (500,000 assessments, 200,000 meetings listing 3 proposals each,
 * 200,000 consultations) into a database of its own, asks the API for the reads clients make,
 * catches the statement each one sends, and prints PostgreSQL's EXPLAIN ANALYZE of it: time, and
 * every table read whole (a Seq Scan), which is what would grow with the register.
 * BENCH_KEEP_DB=1 reuses a seeded database.
 */
const DATABASE = 'sec_tracker_bench_explain';
const VOLUME: Volume = { proposals: 100_000, assessmentsPerProposal: 5, meetings: 200_000, consultationsPerProposal: 2, agendaLength: 3 };

class StatementCatcher implements TypeOrmLogger {
  caught: Array<{ sql: string; params: unknown[] }> = [];
  logQuery(sql: string, params?: unknown[]): void {
    this.caught.push({ sql, params: params ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

function wholeTableReads(node: PlanNode, found: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan') found.push(`${node['Relation Name']} (${node['Actual Rows']} rows × ${node['Actual Loops']})`);
  for (const child of node.Plans ?? []) wholeTableReads(child, found);
  return found;
}

async function main(): Promise<void> {
  const url = await seededDatabase(DATABASE, `${VOLUME.proposals.toLocaleString('en-GB')} proposals`, async (db) => {
    await seedVolume(db, VOLUME);
  });
  const catcher = new StatementCatcher();
  const { db, server, key, stop } = await startBenchApi(url, 0, { logger: catcher });
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(server.url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { errors?: unknown; data?: Record<string, unknown> };
    if (body.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
    return body.data!;
  };
  await ask('{ __typename }');
  const [{ reference: late }] = await db.query(`SELECT reference FROM modification ORDER BY reference OFFSET 99900 LIMIT 1`);
  const found = (await ask(`{ modifications(first: 1, filter: { search: "${late}" }) { edges { cursor } } }`)) as { modifications: { edges: Array<{ cursor: string }> } };
  const lastPage = found.modifications.edges[0]!.cursor;

  const reads: Array<[string, string, Record<string, unknown>?]> = [
    ['page of 50 (compiled)', PAGE_QUERY, { first: 50 }],
    ['page of 500 (compiled)', PAGE_QUERY, { first: 500 }],
    ['page of 50 after the 99,900th (compiled)', PAGE_QUERY.replace('$first: Int!', '$first: Int!, $after: String').replace('first: $first', 'first: $first, after: $after'), { first: 50, after: lastPage }],
    ['search, page of 50 (compiled)', `query { modifications(filter: { search: "proposal 4242" }) { totalCount edges { node { reference title } } } }`],
    ['one proposal (compiled)', `{ modification(reference: "${late}") { reference assessments { type } meetings { date agenda { reference } } } }`],
    ['meetings of a month (compiled)', `{ meetings(from: "2021-04-01", to: "2021-04-30") { date body agenda { reference } } }`],
    ['page of 50 with SLAs (resolvers, one statement)', `{ modifications(first: 50) { edges { node { reference refinementStalled assessments { sla { status } } } } } }`],
  ];
  console.log(`\n| read | statements | execution ms | planning ms | tables read whole |\n|---|---:|---:|---:|---|`);
  for (const [name, query, variables] of reads) {
    await ask(query, variables); // the compiled SQL and the plan caches are warm
    catcher.caught = [];
    await ask(query, variables);
    const statements = [...catcher.caught];
    let execution = 0;
    let planning = 0;
    const whole: string[] = [];
    for (const { sql, params } of statements) {
      const [{ 'QUERY PLAN': [plan] }] = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      execution += plan['Execution Time'];
      planning += plan['Planning Time'];
      whole.push(...wholeTableReads(plan.Plan));
    }
    console.log(`| ${name} | ${statements.length} | ${execution.toFixed(1)} | ${planning.toFixed(1)} | ${whole.join(', ') || 'none'} |`);
  }
  await stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
