import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../src/infra/database/data-source';

/** The PostgreSQL server a benchmark creates its own database on (BENCH_DATABASE_URL, default the local one). */
export const BENCH_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One statement on the server's maintenance database (CREATE / DROP DATABASE). */
export async function admin<R extends object = object>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: BENCH_SERVER });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Drops and makes the benchmark's database, migrates it and fills it with `seed`; with
 * BENCH_KEEP_DB=1 it keeps the one a previous run seeded to the end (the database's comment says
 * so), and seeds one when there is none.
 */
export async function seededDatabase(database: string, describe: string, seed: (db: DataSource) => Promise<void>): Promise<string> {
  const url = withDatabase(BENCH_SERVER, database);
  const seededMark = `seeded: ${describe}`;
  if (process.env.BENCH_KEEP_DB === '1') {
    const [kept] = await admin<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [database]);
    if (kept?.comment === seededMark) return url;
    console.log(`BENCH_KEEP_DB=1, but ${database} ${kept ? 'was not seeded to the end' : 'does not exist'}: seeding it`);
  }
  console.log(`Seeding ${database}: ${describe}…`);
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${database}`);
  const db = await openDatabase({ url, poolSize: 2 });
  try {
    await seed(db);
  } finally {
    await db.destroy();
  }
  await admin(`COMMENT ON DATABASE ${database} IS '${seededMark.replace(/'/g, "''")}'`);
  return url;
}
