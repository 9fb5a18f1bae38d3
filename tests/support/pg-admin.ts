import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Migrated once per run by global-setup; each test file gets its own copy. Two runs at once on one server (a CI clone beside a
 * working copy) each name their own, or one run's setup drops the other's template mid-run.
 */
export const TEMPLATE_DATABASE = templateName(process.env.TEST_TEMPLATE_DATABASE ?? 'sec_tracker_test_template');

function templateName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`TEST_TEMPLATE_DATABASE must be a plain lower-case identifier, not "${name}"`);
  return name;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function serverUrl(): string {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error('TEST_PG_SERVER_URL is not set: run the tests through jest (its global setup sets it)');
  return url;
}

export async function asAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: no test depends on another's leftovers. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `sec_tracker_test_${randomBytes(6).toString('hex')}`;
  await asAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  return {
    name,
    url: withDatabase(serverUrl(), name),
    drop: () => asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
