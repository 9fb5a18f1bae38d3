import path from 'node:path';
import { importRegisterFile } from '../../src/register-import';
import type { RunningWorker } from '../../src/queue/worker-port';
import { waitFor } from '../jobs/support/wait-for';
import { finished, outboxSettled, startAppWorker } from '../support/app-worker';
import { testServiceContext } from '../support/service-context';
import { capturedLog } from '../support/captured-log';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 10, item 2: Prometheus metrics at /metrics, and one log line per request. */
const TOKEN = 'metrics-token-for-the-test-0123';
let app: TestApp;
let base: string;
let worker: RunningWorker;
const { logger, raw: rawLog, lines: logLines } = capturedLog();

beforeAll(async () => {
  app = await startTestApp({ env: { METRICS_TOKEN: TOKEN }, logger });
  base = app.url.replace(/\/graphql$/, '');
  await importRegisterFile(testServiceContext(app.db), path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json'));
  worker = await startAppWorker(app);
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

const scrape = async (token: string | null = TOKEN) => fetch(`${base}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** Every sample of a metric as { labels, value }. */
async function samples(name: string): Promise<Array<{ labels: Record<string, string>; value: number }>> {
  const text = await (await scrape()).text();
  return text.split('\n').flatMap((line) => {
    const m = new RegExp(`^${name}(?:\\{(.*)\\})? (\\S+)$`).exec(line);
    if (!m) return [];
    const labels = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k!, v!]));
    return [{ labels, value: Number(m[2]) }];
  });
}
const valueOf = async (name: string, labels: Record<string, string>) =>
  (await samples(name)).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

test('/metrics answers only the METRICS_TOKEN, with the default process metrics', async () => {
  expect((await scrape(null)).status).toBe(401);
  const wrong = await scrape('not-the-metrics-token-at-all');
  expect(wrong.status).toBe(401);
  expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
  // An API key is not the metrics token, even an admin's.
  expect((await scrape(app.keys.ADMIN)).status).toBe(401);

  const ok = await scrape();
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await ok.text();
  expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
});

test('requests are timed by GraphQL operation name and outcome', async () => {
  const page = await app.gql('query PanelPage { modifications(first: 2) { totalCount } }', undefined, app.keys.READER);
  expect(page.errors).toBeUndefined();
  const refused = await app.gql('query WithoutKey { modifications(first: 2) { totalCount } }', undefined, null);
  expect(refused.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  const missing = await app.gql('query OneProposal { modification(reference: "MP999") { title } }', undefined, app.keys.READER);

  expect(await valueOf('http_request_duration_seconds_count', { operation: 'PanelPage', outcome: 'ok' })).toBe(1);
  // A caller without a key names no label: anyone could otherwise fill the label slots.
  expect(await valueOf('http_request_duration_seconds_count', { operation: 'unauthenticated', outcome: 'UNAUTHENTICATED' })).toBe(1);
  expect(await valueOf('http_request_duration_seconds_count', { operation: 'WithoutKey' })).toBeUndefined();
  const missingOutcome = missing.errors?.[0]?.extensions?.code ?? 'ok';
  expect(await valueOf('http_request_duration_seconds_count', { operation: 'OneProposal', outcome: String(missingOutcome) })).toBe(1);
  expect(await valueOf('http_request_duration_seconds_bucket', { operation: 'PanelPage', outcome: 'ok', le: '+Inf' })).toBe(1);
});

test('after a recompute: job durations, queue jobs by state, assessments by type and SLA status, outbox messages by state', async () => {
  const queued = await app.gql('mutation { recomputeSla(asOf: "2021-04-09") { id } }');
  await finished(app, queued.data!.recomputeSla.id);
  // The recompute queues that day's digests; they are delivered through the test's SMTP server.
  await waitFor(async () => (app.smtp.received.length >= 2 ? true : undefined), 'the two digests to arrive');
  await outboxSettled(app);

  expect(await valueOf('sec_job_duration_seconds_count', { job: 'sla-recompute', outcome: 'completed' })).toBe(1);
  expect(await valueOf('sec_queue_jobs', { state: 'completed' })).toBeGreaterThanOrEqual(1);
  expect(await valueOf('sec_queue_jobs', { state: 'failed' })).toBe(0);

  // As the recompute left them: every (type, status) the database holds, with its count.
  const inDatabase: Array<{ type: string; status: string; n: number }> = await app.db.query(
    `SELECT a.type, s.status, count(*)::int AS n FROM assessment_sla s JOIN assessment a ON a.id = s.assessment_id WHERE s.status IS NOT NULL GROUP BY 1, 2`,
  );
  expect(inDatabase.length).toBeGreaterThan(1);
  const series = await samples('sec_assessments');
  expect(series).toHaveLength(inDatabase.length);
  for (const row of inDatabase) {
    expect(await valueOf('sec_assessments', { type: row.type, sla_status: row.status })).toBe(row.n);
  }
  // The April 2021 report's day overdue assessments are what the digests are about.
  expect(series.some((s) => s.labels.sla_status === 'OVERDUE')).toBe(true);

  const [{ sent }] = await app.db.query(`SELECT count(*)::int AS sent FROM outbox_message WHERE state = 'SENT'`);
  expect(sent).toBeGreaterThan(0);
  expect(await valueOf('sec_outbox_messages', { state: 'SENT' })).toBe(sent);
});

test('one log line per request with its id, operation, duration and key name; never the key', async () => {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.keys.DCC}`, 'x-request-id': 'trace-4711' },
    body: JSON.stringify({ query: 'query LoggedOne { isWorkingDay(date: "2021-04-09") }' }),
  });
  expect(response.headers.get('x-request-id')).toBe('trace-4711');
  await response.json();

  const line = logLines.find((l) => l.msg === 'request finished' && l.req?.id === 'trace-4711');
  expect(line).toMatchObject({
    level: 30,
    req: { id: 'trace-4711', method: 'POST', path: '/graphql' },
    res: { statusCode: 200 },
    operation: 'LoggedOne',
    outcome: 'ok',
    key: 'test DCC',
    responseTime: expect.any(Number),
  });
  const everything = rawLog.join('');
  for (const key of Object.values(app.keys)) expect(everything).not.toContain(key);
  expect(everything.toLowerCase()).not.toContain('authorization');
  // Health checks and scrapes are not logged.
  expect(logLines.some((l) => l.req?.path === '/metrics')).toBe(false);
});
