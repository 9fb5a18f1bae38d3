import autocannon from 'autocannon';
import { Client } from 'pg';
import { startBenchApi } from './api/bench-api';
import { seededDatabase } from './bench-server';

/**
 * npm run bench:rate-limit — what the per-minute request budget costs a request (issue 21: "a rate
 * limiter that costs no database write per request"). One small record (`{ me { name role } }`,
 * a READER key) for SECONDS each, with the limit off (the floor: the same API without the budget),
 * then at a budget no run can spend (so nothing is refused) kept in PostgreSQL, then in Redis when
 * one answers at BENCH_REDIS_URL. Printed per mode: requests a second, p50 and p99 latency, and the
 * rows the budget wrote (rate_limit's inserts and updates, from pg_stat_user_tables) per request.
 * Any answer but 200 fails the run.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const BUDGET = String(1_000_000_000);
const QUERY = JSON.stringify({ query: '{ me { name role } }' });

interface Mode {
  name: string;
  env: Record<string, string>;
}

async function rateLimitWrites(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // The statistics are flushed at most once a second: ask for a fresh snapshot.
    await client.query('SELECT pg_stat_force_next_flush()').catch(() => undefined);
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query(`SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0)::bigint AS n FROM pg_stat_user_tables WHERE relname = 'rate_limit'`);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

async function redisAnswers(url: string): Promise<boolean> {
  const { default: IORedis } = await import('ioredis');
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function main(): Promise<void> {
  const url = await seededDatabase('sec_bench_rate_limit', 'an empty register', async () => undefined);
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const modes: Mode[] = [
    { name: 'no limit (the floor)', env: { RATE_LIMIT_PER_MINUTE: '0' } },
    { name: 'budget in PostgreSQL', env: { RATE_LIMIT_PER_MINUTE: BUDGET } },
  ];
  if (await redisAnswers(redisUrl)) modes.push({ name: 'budget in Redis', env: { RATE_LIMIT_PER_MINUTE: BUDGET, REDIS_URL: redisUrl } });
  else console.log(`No Redis at ${redisUrl}: its mode is not measured`);

  const rows: string[] = [];
  let failed = false;
  let floor = 0;
  for (const mode of modes) {
    const api = await startBenchApi(url, 0, { env: mode.env });
    try {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${api.key}` };
      // Warm: the key known, the connections open, the code paths compiled.
      await autocannon({ url: api.server.url, method: 'POST', headers, body: QUERY, connections: CONNECTIONS, duration: 2 });
      const writesBefore = await rateLimitWrites(url);
      const run = await autocannon({ url: api.server.url, method: 'POST', headers, body: QUERY, connections: CONNECTIONS, duration: SECONDS });
      const writes = (await rateLimitWrites(url)) - writesBefore;
      const requests = run.requests.total;
      const refused = run.non2xx + run.errors + run.timeouts;
      if (refused > 0) failed = true;
      if (!floor) floor = run.requests.average;
      rows.push(`| ${mode.name} | ${run.requests.average.toFixed(0)} | ${(run.requests.average / floor).toFixed(2)} | ${run.latency.p50} | ${run.latency.p99} | ${requests} | ${refused} | ${writes} | ${(writes / Math.max(1, requests)).toFixed(4)} |`);
    } finally {
      await api.stop();
    }
  }
  console.log(`\n{ me { name role } } with one READER key, ${CONNECTIONS} connections, ${SECONDS} s a mode\n`);
  console.log('| mode | req/s | × floor | p50 ms | p99 ms | requests | refused or failed | rate_limit rows written | writes a request |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  if (failed) {
    console.log('\nFAIL: a request was refused or failed');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
