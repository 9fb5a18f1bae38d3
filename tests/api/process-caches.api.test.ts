import type { DataSource } from 'typeorm';
import { ApiKeyService } from '../../src/auth/api-key.service';
import { CalendarInForce } from '../../src/calendar/calendar-in-force';
import { ChangeFeed } from '../../src/infra/database/change-feed';
import { createDataSource } from '../../src/infra/database/data-source';
import { createLogger } from '../../src/infra/logger';
import { StatementCounter, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 9, "the key check costs no statement on a warm path, and a revoked key is still refused at
 * once in every process". The test app is one process of the service; `other` is a second one on
 * the same database (its own pool and change feed), as a second API replica would be.
 */
let app: TestApp;
let other: { db: DataSource; statements: StatementCounter; feed: ChangeFeed; keys: ApiKeyService; calendars: CalendarInForce };

beforeAll(async () => {
  app = await startTestApp();
  const statements = new StatementCounter();
  const db = createDataSource({ url: app.databaseUrl, logger: statements, poolSize: 2 });
  await db.initialize();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const feed = new ChangeFeed({ url: app.databaseUrl, logger, retryMs: 50 });
  await feed.start();
  other = { db, statements, feed, keys: new ApiKeyService(db, { changes: feed, logger }), calendars: new CalendarInForce(db, feed) };
});
afterAll(async () => {
  await other?.keys.close();
  await other?.feed.stop();
  await other?.db.destroy();
  await app?.stop();
});

/** Statements `other` sends while `act` runs. */
async function statementsOf<T>(act: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const before = other.statements.count;
  const result = await act();
  return { result, statements: other.statements.count - before };
}

/** Resolves when `other` hears the next announced change to the table (not a sleep: the event itself). */
function nextChangeTo(table: string): Promise<void> {
  return new Promise((resolve) => other.feed.on(table, () => resolve()));
}

/** Waits for the feed to reach a state it reports (it reconnects on its own). */
async function untilFeed(live: boolean): Promise<void> {
  while (other.feed.isLive !== live) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function newKey(name: string): Promise<{ id: string; key: string }> {
  const created = await app.gql(`mutation($name: String!) { createApiKey(name: $name, role: READER) { key apiKey { id } } }`, { name });
  expect(created.errors).toBeUndefined();
  return { id: created.data!.createApiKey.apiKey.id, key: created.data!.createApiKey.key };
}

test('a key is read once per process; revoked through another process, it is refused at once, without waiting for the announcement', async () => {
  const { id, key } = await newKey('Replica reader');
  const cold = await statementsOf(() => other.keys.authenticate(key));
  expect(cold.result).toMatchObject({ keyId: id, role: 'READER', name: 'Replica reader' });
  expect(cold.statements).toBe(1);
  const warm = await statementsOf(() => other.keys.authenticate(key));
  expect(warm.result).toEqual(cold.result);
  expect(warm.statements).toBe(0);

  const revoked = await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id });
  expect(revoked.data!.revokeApiKey.revokedAt).not.toBeNull();
  // Both processes refuse it from the moment the revoke committed: the one that revoked it, and
  // the other, which confirms a kept key against every change committed before it was asked.
  expect((await app.gql('{ isWorkingDay(date: "2021-04-09") }', undefined, key)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(await other.keys.authenticate(key)).toBeNull();

  // Many times over, with the commit a moment before the check: never once served from memory.
  for (let i = 0; i < 20; i++) {
    const next = await newKey(`Replica reader ${i}`);
    expect(await other.keys.authenticate(next.key)).not.toBeNull();
    expect(await other.keys.authenticate(next.key)).not.toBeNull();
    await app.db.query(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [next.id]);
    expect(await other.keys.authenticate(next.key)).toBeNull();
  }
});

test('while the change feed is down nothing is kept: a key revoked meanwhile is refused, and the feed comes back on its own', async () => {
  const { id, key } = await newKey('Partitioned reader');
  await other.keys.authenticate(key);
  expect((await statementsOf(() => other.keys.authenticate(key))).statements).toBe(0);

  // The database drops every listening connection (a restart, a failover, an idle-session killer).
  await app.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'sec-tracker-changes'`);
  await untilFeed(false);
  // Revoked with nobody listening: no announcement reaches `other`.
  await app.db.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [id]);
  const whileDown = await statementsOf(() => other.keys.authenticate(key));
  expect(whileDown.result).toBeNull();
  expect(whileDown.statements).toBe(1);

  await untilFeed(true);
  const { key: fresh } = await newKey('After the outage');
  await other.keys.authenticate(fresh);
  expect((await statementsOf(() => other.keys.authenticate(fresh))).statements).toBe(0);
});

test('requests that present a key this process has not seen yet, all at once, share one read', async () => {
  const { key } = await newKey('Burst reader');
  const burst = await statementsOf(() => Promise.all(Array.from({ length: 8 }, () => other.keys.authenticate(key))));
  expect(burst.result.every((caller) => caller?.name === 'Burst reader')).toBe(true);
  expect(burst.statements).toBe(1);
});

test('uses of a kept key are written to last_used_at in one statement, not one per request', async () => {
  const { id, key } = await newKey('Busy reader');
  await other.keys.authenticate(key);
  // An hour ago, as far as the register knows (bookkeeping: it announces nothing).
  await app.db.query(`UPDATE api_key SET last_used_at = now() - interval '1 hour' WHERE id = $1`, [id]);
  const uses = await statementsOf(async () => {
    for (let i = 0; i < 5; i++) expect(await other.keys.authenticate(key)).not.toBeNull();
  });
  expect(uses.statements).toBe(0);
  const written = await statementsOf(() => other.keys.writeLastUses());
  expect(written.statements).toBe(1);
  const [{ recent }] = await app.db.query(`SELECT last_used_at > now() - interval '1 minute' AS recent FROM api_key WHERE id = $1`, [id]);
  expect(recent).toBe(true);
});

test('the Working Day calendar is read once per process, and again after a holiday is added anywhere', async () => {
  const first = await statementsOf(() => other.calendars.current());
  const again = await statementsOf(() => other.calendars.current());
  expect(first.statements + again.statements).toBe(1);
  expect(again.result.isWorkingDay('2030-06-12')).toBe(true);

  const heard = nextChangeTo('holiday');
  const added = await app.gql(`mutation { addHoliday(date: "2030-06-12", name: "A one-off") }`);
  expect(added.errors).toBeUndefined();
  await heard;
  expect((await other.calendars.current()).isWorkingDay('2030-06-12')).toBe(false);
  // The process that added it answers with it at once.
  expect((await app.gql(`{ isWorkingDay(date: "2030-06-12") }`)).data!.isWorkingDay).toBe(false);
});
