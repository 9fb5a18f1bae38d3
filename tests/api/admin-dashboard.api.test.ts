import { londonDateOf, type Clock } from '../../src/infra/clock';
import { JOB_QUEUE_NAME } from '../../src/queue/job-contract';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 10, item 1: the job queue's dashboard at /admin/queues, for ADMIN keys and their login sessions. */
let app: TestApp;
let base: string;
// A clock the test moves, to see an 8-hour session end.
let now = new Date('2021-04-09T09:00:00Z');
const clock: Clock = { now: () => new Date(now), today: () => londonDateOf(now) };

beforeAll(async () => {
  app = await startTestApp({ clock });
  base = app.url.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await app?.stop();
});
beforeEach(() => {
  now = new Date('2021-04-09T09:00:00Z');
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
const asJson = { accept: 'application/json' };
const asBrowser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const bearer = (key: string) => ({ ...asJson, authorization: `Bearer ${key}` });

/** Signs in through the login page, as a browser would; answers the response and the session cookie. */
async function signIn(key: string, next?: string) {
  const response = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...asBrowser },
    body: new URLSearchParams({ key, ...(next ? { next } : {}) }),
    redirect: 'manual',
  });
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, setCookie, cookie: setCookie.split(';')[0]! };
}

/** What the dashboard's page asks for first: the queues with their counts. */
const QUEUES_API = '/admin/queues/api/queues?activeQueue=&status=latest&page=1&jobsPerPage=10';

test('without a key: 401 for a script, the login page for a browser', async () => {
  const script = await get(QUEUES_API, asJson);
  expect(script.status).toBe(401);
  expect(script.headers.get('www-authenticate')).toBe('Bearer');
  expect(((await script.json() as any)).error.code).toBe('UNAUTHENTICATED');

  const browser = await get('/admin/queues', asBrowser);
  expect(browser.status).toBe(303);
  expect(browser.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fqueues');
  const login = await get('/admin/login?next=%2Fadmin%2Fqueues', asBrowser);
  expect(login.status).toBe(200);
  const page = await login.text();
  expect(page).toContain('<form method="post" action="/admin/login">');
  expect(page).toContain('name="key" type="password"');
  expect(login.headers.get('content-security-policy')).toContain("default-src 'none'");
});

test('a READER or DCC key is refused with 403, an unknown key with 401', async () => {
  for (const key of [app.keys.READER, app.keys.DCC]) {
    const refused = await get(QUEUES_API, bearer(key));
    expect(refused.status).toBe(403);
    expect(((await refused.json() as any)).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('ADMIN') });
  }
  const unknown = await get(QUEUES_API, bearer('sec_not-a-key-at-all-000000000000'));
  expect(unknown.status).toBe(401);
});

test('an ADMIN key sees the dashboard and the service\'s job queue with its counts', async () => {
  const page = await get('/admin/queues', { ...asBrowser, authorization: `Bearer ${app.keys.ADMIN}` });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('SEC jobs');
  // Nothing fetched from the network: the page's Google Fonts link is gone, and a policy forbids fonts from elsewhere.
  expect(html).toContain('static/css/main.');
  expect(html).not.toMatch(/googleapis|gstatic|https?:\/\//);
  expect(page.headers.get('content-security-policy')).toContain("font-src 'self' data:");

  const api = await get(QUEUES_API, bearer(app.keys.ADMIN));
  expect(api.status).toBe(200);
  const { queues } = (await api.json() as any);
  expect(queues.map((q: { name: string }) => q.name)).toContain(JOB_QUEUE_NAME);
  const ours = queues.find((q: { name: string }) => q.name === JOB_QUEUE_NAME);
  expect(ours.counts).toEqual(expect.objectContaining({ waiting: expect.any(Number), completed: expect.any(Number), failed: expect.any(Number) }));
});

test('the login page gives an ADMIN key a signed, HttpOnly, SameSite=Strict session of 8 hours, which opens the dashboard', async () => {
  const { response, setCookie, cookie } = await signIn(app.keys.ADMIN, '/admin/queues');
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/admin/queues');
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Strict/i);
  expect(setCookie).toMatch(/Max-Age=28800/);
  expect(setCookie).toMatch(/Path=\/admin/);
  // The cookie holds the key's id, never the key.
  expect(decodeURIComponent(cookie)).not.toContain(app.keys.ADMIN);

  const dashboard = await get(QUEUES_API, { ...asJson, cookie });
  expect(dashboard.status).toBe(200);
  expect(((await dashboard.json() as any)).queues.map((q: { name: string }) => q.name)).toContain(JOB_QUEUE_NAME);
});

test('the login page refuses a key that is not ADMIN, or not a key, and starts no session', async () => {
  const reader = await signIn(app.keys.READER);
  expect(reader.response.status).toBe(403);
  expect(await reader.response.text()).toContain('the dashboard needs an ADMIN key');
  expect(reader.setCookie).toBe('');

  const wrong = await signIn('sec_wrong');
  expect(wrong.response.status).toBe(401);
  expect(await wrong.response.text()).toContain('That key is not valid');
  expect(wrong.setCookie).toBe('');
});

test('a tampered session cookie is refused; so is one past its 8 hours, and one whose key was revoked', async () => {
  const { cookie } = await signIn(app.keys.ADMIN);
  const [name, value] = cookie.split('=') as [string, string];
  // Another key's id in the value, the signature kept: the signature no longer matches.
  const forged = `${name}=${value.replace(/%22k%22%3A%22[0-9a-f]/, (m) => `${m.slice(0, -1)}${m.endsWith('0') ? '1' : '0'}`)}`;
  expect(forged).not.toBe(cookie);
  const tampered = await get(QUEUES_API, { ...asJson, cookie: forged });
  expect(tampered.status).toBe(401);
  expect(((await tampered.json() as any)).error.message).toContain('not valid');
  const unsigned = await get(QUEUES_API, { ...asJson, cookie: `${name}=${encodeURIComponent('j:{"k":"x","e":99999999999999}')}` });
  expect(unsigned.status).toBe(401);

  now = new Date('2021-04-09T16:59:00Z');
  expect((await get(QUEUES_API, { ...asJson, cookie })).status).toBe(200);
  now = new Date('2021-04-09T17:00:00Z');
  const expired = await get(QUEUES_API, { ...asJson, cookie });
  expect(expired.status).toBe(401);
  expect(((await expired.json() as any)).error.message).toContain('8 hours');

  now = new Date('2021-04-09T09:00:00Z');
  const made = await app.gql(`mutation { createApiKey(name: "dashboard admin", role: ADMIN) { key apiKey { id } } }`);
  const session = await signIn(made.data!.createApiKey.key);
  expect((await get(QUEUES_API, { ...asJson, cookie: session.cookie })).status).toBe(200);
  await app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: made.data!.createApiKey.apiKey.id });
  const revoked = await get(QUEUES_API, { ...asJson, cookie: session.cookie });
  expect(revoked.status).toBe(401);
  expect(((await revoked.json() as any)).error.message).toContain('revoked');
});

test('after signing in the browser goes back to an admin page only, never to another site', async () => {
  for (const next of ['https://evil.example/', '//evil.example/admin/', '/graphql', '/admin//evil.example']) {
    const { response } = await signIn(app.keys.ADMIN, next);
    expect(response.headers.get('location')).toBe('/admin/queues');
  }
});

test('the dashboard reads the queue on Redis too', async () => {
  const onRedis = await startTestApp({ queue: 'redis' });
  try {
    const response = await fetch(`${onRedis.url.replace(/\/graphql$/, '')}${QUEUES_API}`, { headers: bearer(onRedis.keys.ADMIN) });
    expect(response.status).toBe(200);
    expect(((await response.json() as any)).queues.map((q: { name: string }) => q.name)).toContain(JOB_QUEUE_NAME);
  } finally {
    await onRedis.stop();
  }
});
