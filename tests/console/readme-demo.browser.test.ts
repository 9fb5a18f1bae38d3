import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, signIn } from '../support/browser';
import { freePort } from '../support/free-port';
import { createTestDatabase, type TestDatabase } from '../support/pg-admin';
import { killAllWorkers, spawnWorker, type WorkerChild } from '../jobs/support/worker-children';

/**
 * The console of the service as the README starts it (`ADMIN_API_KEY=… npm run demo`: the
 * service's own entry point in demo mode, in a process of its own, on the April 2021 register),
 * driven as a newcomer would: the admin signs in with the demo key and makes a Panel member's
 * key; the Panel member finds MP107 and its overdue IA, and nothing that changes the register.
 * (The in-process test app serves the other console tests; this one holds the real start to them.)
 */
let database: TestDatabase;
let service: WorkerChild;
let browser: Browser;
let base: string;
const adminKey = `demo-admin-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  service = spawnWorker({ databaseUrl: database.url, mode: 'demo', env: { PORT: String(port), ADMIN_API_KEY: adminKey }, shutdownGraceMs: 10_000 });
  const ready = await service.waitForLog((line) => line.msg === 'GraphQL API ready', 'the demo service to serve', 90_000);
  base = String(ready.url).replace('localhost', '127.0.0.1').replace(/\/graphql$/, '');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await killAllWorkers();
  await database?.drop();
});

test("the demo's console: the admin makes a Panel member's key; the member finds MP107 overdue by 48 WD on 9 April 2021 and can change nothing", async () => {
  const adminPage = await browser.newPage();
  await signIn(adminPage, base, adminKey, '/keys');
  await adminPage.getByLabel('Name').fill('Panel member');
  await adminPage.getByLabel('Role').selectOption('READER');
  await adminPage.getByRole('button', { name: 'Make the key' }).click();
  const key = (await adminPage.getByLabel('The key for Panel member').textContent())!.trim();
  await adminPage.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, base, key, '/');
  await page.getByLabel('Search').fill('mp107');
  await page.getByRole('link', { name: 'MP107', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^MP107: / }).waitFor();
  await page.getByLabel('SLA as of').fill('2021-04-09');
  await page.getByRole('button', { name: 'Show' }).click();
  const ia = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'IA' }) });
  await ia.getByRole('cell', { name: '48 WD over', exact: true }).waitFor();
  await ia.getByRole('cell', { name: 'OVERDUE', exact: true }).waitFor();
  expect((await page.getByRole('button').allTextContents()).sort()).toEqual(['Show', 'Sign out']);
  expect(await accessibilityViolations(page)).toEqual([]);
  await context.close();
});
