import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '../../../src/infra/database/data-source';
import { TEMPLATE_DATABASE, withDatabase } from '../../support/pg-admin';
import { seedAssessments } from './seed';

async function asAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const url = process.env.TEST_PG_SERVER_URL;
  if (!url) throw new Error('TEST_PG_SERVER_URL is not set: run the tests through jest');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface SeededDatabases {
  /** A fresh copy of the seeded database: every test that changes statuses starts from the same facts. */
  copy(): Promise<{ url: string; drop(): Promise<void> }>;
  drop(): Promise<void>;
}

/**
 * Seeds `count` assessments once into a database of the file's own, then hands out copies of it
 * (CREATE DATABASE ... TEMPLATE copies files: far faster than seeding again).
 */
export async function seededDatabases(count: number): Promise<SeededDatabases> {
  const seeded = `sec_tracker_test_seeded_${randomBytes(5).toString('hex')}`;
  const serverUrl = process.env.TEST_PG_SERVER_URL!;
  await asAdmin((c) => c.query(`CREATE DATABASE ${seeded} TEMPLATE ${TEMPLATE_DATABASE}`));
  const db = createDataSource({ url: withDatabase(serverUrl, seeded), poolSize: 1 });
  await db.initialize();
  try {
    await seedAssessments(db, count);
  } finally {
    await db.destroy();
  }
  const copies: string[] = [];
  const dropDatabase = (name: string) => asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  return {
    copy: async () => {
      const name = `sec_tracker_test_copy_${randomBytes(5).toString('hex')}`;
      await asAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${seeded}`));
      copies.push(name);
      return { url: withDatabase(serverUrl, name), drop: () => dropDatabase(name) };
    },
    drop: async () => {
      for (const name of copies) await dropDatabase(name);
      await dropDatabase(seeded);
    },
  };
}
