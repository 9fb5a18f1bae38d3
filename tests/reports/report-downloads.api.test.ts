import path from 'node:path';
import { Role } from '../../src/auth/role';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { waitFor } from '../jobs/support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { snapshot } from '../support/db-snapshot';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

let app: TestApp;
let worker: RunningWorker;
let base: string;
/** Two READY versions of April 2021 (the second is v2) and one still QUEUED for May. */
let v2: { id: string; markdown: string; html: string };
let queuedId: string;

const get = (url: string, key?: string | null) => fetch(url.startsWith('http') ? url : `${base}${url}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
const built = (id: string) =>
  waitFor(async () => {
    const r = (await app.gql(`query($id: ID!) { report(id: $id) { id status markdown html } }`, { id })).data!.report;
    return r.status === 'READY' ? r : undefined;
  }, `report ${id} to be READY`);
const links = async (id: string, minutes?: number) =>
  app.gql(`query($id: ID!, $m: Int) { report(id: $id) { links(validForMinutes: $m) { markdown html pdf expiresAt } } }`, { id, m: minutes }, app.keys.READER);

beforeAll(async () => {
  app = await startTestApp();
  base = app.url.replace(/\/graphql$/, '');
  await importRegisterFile(testServiceContext(app.db), DEMO);
  worker = await startAppWorker(app);
  await built((await app.gql(`mutation { regenerateReport(period: "2021-04", asOf: "2021-04-08") { id } }`)).data!.regenerateReport.id);
  v2 = await built((await app.gql(`mutation { regenerateReport(period: "2021-04") { id } }`)).data!.regenerateReport.id);
  await worker.close();
  // No worker from here on: this one stays QUEUED.
  queuedId = (await app.gql(`mutation { regenerateReport(period: "2021-05", asOf: "2021-05-07") { id } }`)).data!.regenerateReport.id;
});
afterAll(async () => {
  await app?.stop();
});

test.each([
  ['md', 'text/markdown; charset=utf-8', 'attachment'],
  ['html', 'text/html; charset=utf-8', 'inline'],
  ['pdf', 'application/pdf', 'inline'],
])('.%s with a READER key: %s, named for the month and version', async (format, type, disposition) => {
  const res = await get(`/reports/${v2.id}.${format}`, app.keys.READER);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  expect(res.headers.get('content-disposition')).toBe(`${disposition}; filename="change-status-report-2021-04-v2.${format}"`);
  const body = Buffer.from(await res.arrayBuffer());
  if (format === 'md') expect(body.toString('utf8')).toBe(v2.markdown);
  if (format === 'html') {
    expect(body.toString('utf8')).toBe(v2.html);
    // The HTML may load nothing, run nothing.
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
  }
  if (format === 'pdf') expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('refusals: no key 401, a wrong key 401, an unknown or malformed id 404, a version not built yet 404, an unknown format 404', async () => {
  const noKey = await get(`/reports/${v2.id}.pdf`);
  expect(noKey.status).toBe(401);
  expect(noKey.headers.get('www-authenticate')).toBe('Bearer');
  expect((await noKey.json() as any)).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('An API key is required') } });
  expect((await get(`/reports/${v2.id}.pdf`, 'not-a-key-of-this-service')).status).toBe(401);
  const unknown = await get('/reports/6f1c7c8e-8d7e-4a4b-9a53-0d2c4a1f0b11.pdf', app.keys.DCC);
  expect(unknown.status).toBe(404);
  expect(((await unknown.json() as any)).error.code).toBe('NOT_FOUND');
  expect((await get('/reports/not-an-id.md', app.keys.ADMIN)).status).toBe(404);
  const queued = await get(`/reports/${queuedId}.html`, app.keys.ADMIN);
  expect(queued.status).toBe(404);
  expect(((await queued.json() as any)).error.message).toBe(`Report ${queuedId} has no html file: it is QUEUED`);
  expect((await get(`/reports/${v2.id}.docx`, app.keys.ADMIN)).status).toBe(404);
});

test('signed links open each file without a key until they expire', async () => {
  const res = await links(v2.id);
  expect(res.errors).toBeUndefined();
  const l = res.data!.report.links;
  // The test app's clock stands at 9 April 2021, 09:00 UTC: links live an hour by default.
  expect(l.expiresAt).toBe('2021-04-09T10:00:00.000Z');
  for (const [format, url] of [['md', l.markdown], ['html', l.html], ['pdf', l.pdf]] as const) {
    expect(url).toMatch(new RegExp(`^${base}/reports/${v2.id}\\.${format}\\?key=[0-9a-f-]{36}&expires=\\d+&signature=[0-9a-f]{64}$`));
    const opened = await get(url, null);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-disposition')).toContain(`change-status-report-2021-04-v2.${format}`);
  }
  expect((await links(v2.id, 7 * 24 * 60)).data!.report.links.expiresAt).toBe('2021-04-16T09:00:00.000Z');
  expect((await links(queuedId)).data!.report.links).toBeNull();
});

test('an expired, tampered or borrowed signed link is refused with 403', async () => {
  const pdf: string = (await links(v2.id)).data!.report.links.pdf;
  const url = new URL(pdf);
  const expires = url.searchParams.get('expires')!;
  const signature = url.searchParams.get('signature')!;
  const refused = async (href: string, message: string) => {
    const res = await get(href, null);
    expect(res.status).toBe(403);
    expect((await res.json() as any)).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringContaining(message) } });
  };
  // Signed for a moment already past (the app's clock: 9 April 2021, 09:00 UTC).
  const keyId = url.searchParams.get('key')!;
  const past = await app.services.reportLinks.sign(v2.id, 'pdf', new Date('2021-04-09T08:59:59Z'), keyId);
  await refused(`/reports/${v2.id}.pdf?${past}`, 'This link has expired');
  // A later expiry written in by hand, a flipped signature, another format or report with this signature.
  await refused(`/reports/${v2.id}.pdf?key=${keyId}&expires=${Number(expires) + 86_400}&signature=${signature}`, 'not valid');
  await refused(`/reports/${v2.id}.pdf?key=${keyId}&expires=${expires}&signature=${signature.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`, 'not valid');
  await refused(`/reports/${v2.id}.md?key=${keyId}&expires=${expires}&signature=${signature}`, 'not valid');
  await refused(`/reports/${queuedId}.pdf?key=${keyId}&expires=${expires}&signature=${signature}`, 'not valid');
  await refused(`/reports/${v2.id}.pdf?key=${keyId}&expires=${expires}`, 'not valid');
  // Another key's id written in (the ADMIN's, say): the signature names the key that made the link.
  const [admin] = await app.db.query(`SELECT id FROM api_key WHERE name = 'test ADMIN'`);
  await refused(`/reports/${v2.id}.pdf?key=${admin.id}&expires=${expires}&signature=${signature}`, 'not valid');
  // As links were made before they named their key: refused, not served.
  await refused(`/reports/${v2.id}.pdf?expires=${expires}&signature=${signature}`, 'not valid');
});

test('a link dies with the key that made it: revoked, every link it made is refused at once', async () => {
  const made = await app.services.apiKeys.create('Panel member for a week', Role.READER);
  const week = await app.gql(`query($id: ID!) { report(id: $id) { links(validForMinutes: 10080) { pdf html } } }`, { id: v2.id }, made.key);
  const { pdf, html } = week.data!.report.links;
  expect(new URL(pdf).searchParams.get('key')).toBe(made.id);
  expect((await get(pdf, null)).status).toBe(200);
  expect((await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: made.id })).errors).toBeUndefined();
  for (const link of [pdf, html]) {
    const res = await get(link, null);
    expect(res.status).toBe(403);
    expect((await res.json() as any)).toEqual({ error: { code: 'FORBIDDEN', message: 'The key this link was made with has been revoked or has expired: ask for a new one (Report.links)' } });
  }
  // Links made by other keys are untouched.
  expect((await get((await links(v2.id)).data!.report.links.pdf, null)).status).toBe(200);
});

test.each([0, -5, 7 * 24 * 60 + 1])('validForMinutes %d is BAD_USER_INPUT, and nothing changes', async (minutes) => {
  const before = await snapshot(app.db);
  const res = await links(v2.id, minutes);
  expect(res.errors?.[0]).toMatchObject({ message: expect.stringContaining('validForMinutes must be a whole number from 1 to 10080'), extensions: { code: 'BAD_USER_INPUT' } });
  expect(await snapshot(app.db)).toEqual(before);
});
