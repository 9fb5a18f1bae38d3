import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { Client } from 'pg';
import { startOrAttachEmbeddedPostgres } from '../../src/infra/database/embedded-postgres';
import { canConnect } from '../../src/infra/database/wait-for-postgres';
import { createDataSource } from '../../src/infra/database/data-source';
import { syncCalendarTable } from '../../src/calendar/calendar-table.service';
import { TEMPLATE_DATABASE, withDatabase } from './pg-admin';

/**
 * Once per run: find a PostgreSQL (TEST_DATABASE_URL, the local server, or an embedded one when
 * none answers), and migrate a template database that every test file clones.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await canConnect(serverUrl))) {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sec-tracker-test-pg-'));
    const port = 55000 + Math.floor(Math.random() * 5000);
    const embedded = await startOrAttachEmbeddedPostgres({ dataDir, port, database: 'postgres' });
    (globalThis as Record<string, unknown>).__embeddedPostgres = { embedded, dataDir };
    serverUrl = embedded.url;
    console.log(`\nNo PostgreSQL answered; tests run on an embedded one in ${dataDir}`);
  }
  process.env.TEST_PG_SERVER_URL = serverUrl;

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const db = createDataSource({ url: withDatabase(serverUrl, TEMPLATE_DATABASE) });
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    await syncCalendarTable(db);
  } finally {
    await db.destroy();
  }
}
