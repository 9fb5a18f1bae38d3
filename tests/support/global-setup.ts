import 'reflect-metadata';
import net from 'node:net';
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
/** A TCP connection to the Redis port, no more: enough to know whether the Redis tests can run. */
function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

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

  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisAnswers = await answers(redisUrl);
  if (!redisAnswers && process.env.CI) throw new Error(`CI needs a Redis at ${redisUrl} for the job tests on the Redis backend`);
  if (!redisAnswers) console.log(`\nNo Redis answered at ${redisUrl}; the job tests run on BullMQ's PostgreSQL backend only`);
  process.env.TEST_REDIS_AVAILABLE = String(redisAnswers);

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
