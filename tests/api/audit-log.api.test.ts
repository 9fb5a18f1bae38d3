import path from 'node:path';
import { createServiceContext } from '../../src/common/service-context';
import { fixedClock } from '../../src/infra/clock';
import { createLogger } from '../../src/infra/logger';
import { importRegisterFile } from '../../src/register-import';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 8, "every change traceable to the key that made it". */
const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');
let app: TestApp;
let adminKeyId: string;
/** The audit rows of the April 2021 import, made as the CLI makes it. */
let importRows: Array<{ actor: string; operation: string; action: string; table: string; target: string | null }>;

beforeAll(async () => {
  app = await startTestApp();
  adminKeyId = (await app.db.query(`SELECT id FROM api_key WHERE name = 'test ADMIN'`))[0].id;
  const start = await lastId();
  const cli = createServiceContext({
    db: app.db, clock: fixedClock(new Date('2021-04-09T09:00:00Z')), logger: createLogger('silent'), dueSoonWorkingDays: 3,
    audit: { actor: 'cli (tester)', operation: () => 'import register-2021-04.json' },
  });
  await importRegisterFile(cli, DEMO);
  importRows = await since(start);
});
afterAll(async () => {
  await app?.stop();
});

const lastId = async () => Number((await app.db.query(`SELECT coalesce(max(id), 0) AS n FROM audit_log`))[0].n);
const since = (id: number) => app.db.query(`SELECT actor, operation, action, target_table AS "table", target FROM audit_log WHERE id > $1 ORDER BY id`, [id]);

test('an import is recorded as the CLI, row by row, in its own transaction', () => {
  const rows = importRows;
  expect(rows.length).toBeGreaterThan(100);
  expect(new Set(rows.map((r: { actor: string; operation: string }) => `${r.actor} / ${r.operation}`))).toEqual(new Set(['cli (tester) / import register-2021-04.json']));
  expect(rows).toContainEqual({ actor: 'cli (tester)', operation: 'import register-2021-04.json', action: 'INSERT', table: 'modification', target: 'MP107' });
});

test('each mutation is recorded with the key that made it, the operation, and the row before and after; a refused one records nothing', async () => {
  const start = await lastId();
  const moved = await app.gql(`mutation { changePhase(reference: "MP099", phase: OPINE, on: "2021-04-09", note: "Panel agreed") { phase } }`);
  expect(moved.errors).toBeUndefined();
  await app.gql(`mutation { addHoliday(date: "2021-06-01", name: "A day of mourning") }`);
  const created = (await app.gql(`mutation { createApiKey(name: "Panel app", role: READER) { apiKey { id } } }`)).data!.createApiKey.apiKey;
  await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: created.id });
  const refused = await app.gql(`mutation { changePhase(reference: "MP099", phase: DEFINE, on: "2021-04-17") { phase } }`);
  expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

  const rows = await since(start);
  const admin = `key:test ADMIN (${adminKeyId})`;
  // Nothing escaped the record, and every row names the key.
  expect(rows.filter((r: { actor: string }) => r.actor !== admin)).toEqual([]);
  expect(rows).toEqual(expect.arrayContaining([
    { actor: admin, operation: 'mutation changePhase', action: 'UPDATE', table: 'modification', target: 'MP099' },
    { actor: admin, operation: 'mutation changePhase', action: 'INSERT', table: 'phase_change', target: 'MP099' },
    { actor: admin, operation: 'mutation addHoliday', action: 'INSERT', table: 'holiday', target: '2021-06-01' },
    { actor: admin, operation: 'mutation createApiKey', action: 'INSERT', table: 'api_key', target: 'Panel app' },
    { actor: admin, operation: 'mutation revokeApiKey', action: 'UPDATE', table: 'api_key', target: 'Panel app' },
  ]));
  // The refused move to DEFINE left no trace.
  expect(rows.filter((r: { operation: string }) => r.operation === 'mutation changePhase')).toHaveLength(2);

  const log = await app.gql(`{ auditLog(target: "mp099", first: 5) { edges { node { actor operation action table target before after } } } }`);
  expect(log.errors).toBeUndefined();
  const entries = log.data!.auditLog.edges.map((e: { node: unknown }) => e.node);
  const update = entries.find((e: { table: string; action: string }) => e.table === 'modification' && e.action === 'UPDATE');
  expect(update).toMatchObject({ actor: admin, operation: 'mutation changePhase', target: 'MP099', before: { phase: 'REFINE' }, after: { phase: 'OPINE' } });
  // A key's secret never reaches the log.
  const keyEntries = (await app.gql(`{ auditLog(target: "Panel app") { edges { node { before after } } } }`)).data!.auditLog;
  expect(JSON.stringify(keyEntries)).not.toContain('key_hash');
});

test('only ADMIN reads the log; a bad page is BAD_USER_INPUT; it is a connection whose pages follow on', async () => {
  expect((await app.gql(`{ auditLog { totalCount } }`, undefined, app.keys.READER)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await app.gql(`{ auditLog(first: -1) { totalCount } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((await app.gql(`{ auditLog(after: "x1") { totalCount } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  await app.gql(`mutation { addHoliday(date: "2021-07-01", name: "Another") }`);
  await app.gql(`mutation { addHoliday(date: "2021-07-02", name: "And another") }`);
  const PAGE = `query($after: String) { auditLog(first: 1, after: $after) { totalCount edges { cursor node { id target } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
  const first = (await app.gql(PAGE)).data!.auditLog;
  expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[0].cursor });
  const next = (await app.gql(PAGE, { after: first.pageInfo.endCursor })).data!.auditLog;
  expect(Number(next.edges[0].node.id)).toBeLessThan(Number(first.edges[0].node.id));
  expect(next.pageInfo.hasPreviousPage).toBe(true);
  expect(next.totalCount).toBe(first.totalCount);
  // first: 0 counts without reading a row.
  expect((await app.gql(`{ auditLog(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage startCursor } } }`)).data!.auditLog)
    .toEqual({ totalCount: first.totalCount, edges: [], pageInfo: { hasNextPage: true, startCursor: null } });
});
