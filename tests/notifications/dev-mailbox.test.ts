import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { type Mode, showsDevMailbox } from '../../src/main';
import { mailboxDir } from '../../src/infra/mail/dev-mailbox';
import { createLogger } from '../../src/infra/logger';
import { openMailTransport } from '../../src/infra/mail/open-mail-transport';
import type { MailTransport } from '../../src/infra/mail/mail-transport';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * With no SMTP_URL, mail goes over SMTP to the worker's own mailbox; where configuration asks for
 * it (DEV_MAILBOX), an admin on this machine reads it at /admin/mailbox.
 */
let dataDir: string;
let transport: MailTransport;
let app: TestApp;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sec-tracker-mailbox-'));
  transport = await openMailTransport({ smtpUrl: undefined, dataDir }, createLogger('silent'));
  app = await startTestApp({ devMailboxDir: mailboxDir(dataDir), env: { TRUST_PROXY: 'loopback' } });
});
afterAll(async () => {
  await transport.close();
  await app.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const base = () => app.url.replace(/graphql$/, 'admin/mailbox');
/** As an admin's script or browser session asks: with the ADMIN key. */
const fetch = (url: string, init: RequestInit = {}) => globalThis.fetch(url, { ...init, headers: { authorization: `Bearer ${app.keys.ADMIN}`, ...init.headers } });

test('a message sent with no SMTP_URL lands in the dev mailbox, listed and shown in the browser', async () => {
  const delivery = await transport.send({
    from: 'SEC Modification Tracker <tracker@sec-tracker.test>', to: ['dcc@sec-tracker.localhost'],
    subject: '3 overdue assessments & <more>', text: 'MP107: 48 Working Days over\n', html: '<p>MP107: <strong>48 Working Days over</strong></p>',
    messageId: '<sla-digest.x.2021-04-09@sec-tracker.test>',
  });
  expect(delivery.response).toMatch(/^250 stored in the dev mailbox as .+\.eml$/);
  const [file] = await fs.readdir(mailboxDir(dataDir));
  expect(file).toMatch(/\.eml$/);

  const list = await fetch(base());
  expect(list.headers.get('content-type')).toContain('text/html');
  const listing = await list.text();
  expect(listing).toContain('1 message(s)');
  expect(listing).toContain(`<a href="/admin/mailbox/${file}">3 overdue assessments &amp; &lt;more&gt;</a>`);

  const shown = await (await fetch(`${base()}/${file}`)).text();
  expect(shown).toContain('&lt;sla-digest.x.2021-04-09@sec-tracker.test&gt;');
  expect(shown).toContain(`<iframe sandbox src="/admin/mailbox/${file}/html"`);
  expect(await (await fetch(`${base()}/${file}/html`)).text()).toContain('<strong>48 Working Days over</strong>');
  expect(await (await fetch(`${base()}/${file}/text`)).text()).toBe('MP107: 48 Working Days over\n');
  const raw = await fetch(`${base()}/${file}/raw`);
  expect(raw.headers.get('content-type')).toContain('message/rfc822');
  expect(await raw.text()).toContain('Message-ID: <sla-digest.x.2021-04-09@sec-tracker.test>');
});

test('names that are not the mailbox\'s files are 404, including one just outside the folder', async () => {
  await fs.writeFile(path.join(dataDir, 'secret.eml'), 'Subject: not for the mailbox\r\n\r\nsecret\r\n');
  for (const name of ['nope.eml', '..%2Fsecret.eml', '%2E%2E%2Fsecret.eml', '..%5Csecret.eml']) {
    expect((await fetch(`${base()}/${name}`)).status).toBe(404);
    expect((await fetch(`${base()}/${name}/raw`)).status).toBe(404);
  }
});

test("an email's HTML may run nothing on the API's origin; a page that is not this machine's own name is refused", async () => {
  const [file] = (await fs.readdir(mailboxDir(dataDir))).filter((f) => f.endsWith('.eml'));
  const html = await fetch(`${base()}/${file}/html`);
  expect(html.headers.get('content-security-policy')).toContain('sandbox');
  expect(html.headers.get('x-content-type-options')).toBe('nosniff');
  // DNS rebinding: a browser on this machine, sent by a page whose host name now points here.
  const { port } = new URL(app.url);
  const status = await new Promise<number>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/admin/mailbox', headers: { host: `attacker.example:${port}`, authorization: `Bearer ${app.keys.ADMIN}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
  expect(status).toBe(403);
});

test('the mailbox answers ADMIN keys and sessions only: none 401 (a browser is sent to sign in), a READER 403', async () => {
  expect((await globalThis.fetch(base())).status).toBe(401);
  const browser = await globalThis.fetch(base(), { headers: { accept: 'text/html' }, redirect: 'manual' });
  expect([browser.status, browser.headers.get('location')]).toEqual([303, '/admin/login?next=%2Fadmin%2Fmailbox']);
  const reader = await globalThis.fetch(base(), { headers: { authorization: `Bearer ${app.keys.READER}` } });
  expect(reader.status).toBe(403);
  expect(await reader.text()).not.toContain('message(s)');
});

test('behind a proxy on this machine, the client is judged by its forwarded address: a remote one is refused, even with an ADMIN key', async () => {
  // nginx's proxy_pass http://localhost:4000 sends Host: localhost from 127.0.0.1, for anyone.
  const remote = await fetch(base(), { headers: { 'x-forwarded-for': '203.0.113.9', host: 'localhost' } });
  expect(remote.status).toBe(403);
  expect(await remote.text()).toBe('The dev mailbox answers on this machine only');
  expect((await fetch(base(), { headers: { 'x-forwarded-for': '127.0.0.1', host: 'localhost' } })).status).toBe(200);
});

test('the mailbox is shown only where configuration asks for it: not for the absence of SMTP_URL alone, never beside one', async () => {
  // The test app is configured as production is when DEV_MAILBOX is unset: no mailbox pages.
  const other = await startTestApp();
  try {
    for (const path_ of ['admin/mailbox', 'dev/mailbox']) expect((await fetch(other.url.replace(/graphql$/, path_))).status).toBe(404);
  } finally {
    await other.stop();
  }
  expect(() => loadConfig({ DEV_MAILBOX: 'true', SMTP_URL: 'smtp://mail.example.org:587' })).toThrow(/DEV_MAILBOX is invalid/);
  // What the service's entry point decides from configuration and its mode.
  const shown = (env: Record<string, string>, mode: Mode) => showsDevMailbox(loadConfig(env), mode);
  expect([shown({}, 'all'), shown({}, 'api'), shown({ DEV_MAILBOX: 'true' }, 'all'), shown({}, 'demo'), shown({ DEV_MAILBOX: 'false' }, 'demo')])
    .toEqual([false, false, true, true, false]);
  expect(shown({ SMTP_URL: 'smtp://mail.example.org:587' }, 'demo')).toBe(false);
});
