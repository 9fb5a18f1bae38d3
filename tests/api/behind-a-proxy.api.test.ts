import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Behind a TLS proxy (TRUST_PROXY): the proxy's word on the scheme and host makes links https and
 * the admin cookie Secure. Without TRUST_PROXY the same headers, which any client can send, change nothing.
 */
const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sec.example.org' };

async function feedUrl(app: TestApp): Promise<string> {
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.keys.READER}`, ...FORWARDED },
    body: JSON.stringify({ query: 'mutation { createCalendarFeed(name: "behind a proxy") { url } }' }),
  });
  return ((await response.json()) as { data: { createCalendarFeed: { url: string } } }).data.createCalendarFeed.url;
}

async function sessionCookie(app: TestApp): Promise<string> {
  const response = await fetch(`${app.url.replace(/\/graphql$/, '')}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...FORWARDED },
    body: new URLSearchParams({ key: app.keys.ADMIN }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie') ?? '';
}

test('with TRUST_PROXY, links are https on the public host and the admin cookie is Secure', async () => {
  const app = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
  try {
    expect(await feedUrl(app)).toMatch(/^https:\/\/sec\.example\.org\/calendar\/cal_[A-Za-z0-9_-]+\.ics$/);
    expect(await sessionCookie(app)).toMatch(/;\s*Secure/i);
  } finally {
    await app.stop();
  }
});

test('without it, forwarded headers are a client\'s word and change nothing', async () => {
  const app = await startTestApp();
  try {
    expect(await feedUrl(app)).toMatch(/^http:\/\/localhost:\d+\/calendar\//);
    expect(await sessionCookie(app)).not.toMatch(/Secure/i);
  } finally {
    await app.stop();
  }
});
