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
export async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: BENCH_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops and makes the benchmark's database, migrates it and fills it with `seed`; with
 * BENCH_KEEP_DB=1 it keeps the one a previous run seeded.
 */
export async function seededDatabase(database: string, describe: string, seed: (db: DataSource) => Promise<void>): Promise<string> {
  const url = withDatabase(BENCH_SERVER, database);
  if (process.env.BENCH_KEEP_DB === '1') return url;
  console.log(`Seeding ${database}: ${describe}…`);
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${database}`);
  const db = await openDatabase({ url, poolSize: 2 });
  try {
    await seed(db);
  } finally {
    await db.destroy();
  }
  return url;
}
