import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Page } from 'playwright-core';
import { graphiqlPage } from '../../src/server/console/graphiql.route';
import { accessibilityViolations, signIn, consoleOnApril2021 } from '../support/browser';

/**
 * GraphiQL at /graphql in a real browser, on the April 2021 register: a signed-in READER runs a
 * query with the console's session and reads the schema's docs; the page asks nothing of any
 * other origin; someone not signed in is sent to sign in; GraphQL clients get GraphQL as before.
 */
const c = consoleOnApril2021();

const MP107 = '{ modification(reference: "MP107") { reference title } }';

/** Every address the page asks for, and what the browser says its CSP refused. */
function watch(page: Page): { requests: string[]; refusals: string[] } {
  const seen = { requests: [] as string[], refusals: [] as string[] };
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) seen.refusals.push(m.text());
  });
  return seen;
}

test('a READER signed in to the console runs a query in GraphiQL at /graphql, reads the docs, and nothing is asked of another origin', async () => {
  const context = await c.browser.newContext();
  const page = await context.newPage();
  const seen = watch(page);
  await signIn(page, c.base, c.app.keys.READER);
  // The console's own pages never load the IDE's bundle.
  expect(seen.requests.filter((url) => url.includes('graphiql'))).toEqual([]);

  const response = await page.goto(`${c.base}/graphql`);
  expect(response!.headers()['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self';/);
  await page.getByRole('heading', { level: 1, name: 'GraphQL IDE as test READER (READER)' }).waitFor();

  // As a keyboard user would: into the query editor (found by its label), clear it, type, press run.
  await page.getByRole('textbox', { name: 'Query' }).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(MP107);
  await page.keyboard.press('Escape'); // closes the completion list, if one is open
  await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();
  const result = page.locator('.graphiql-response');
  await result.getByText('"SMETS1 Validation of SRV 6.15.1"').waitFor();
  expect((await result.innerText()).replace(/\s+/g, '')).toContain('{"data":{"modification":{"reference":"MP107","title":"SMETS1ValidationofSRV6.15.1"}}}');

  // The docs come from introspection, which answers key holders: the session counts as one.
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  await page.getByRole('link', { name: 'ModificationPhase', exact: true }).waitFor();

  // GraphiQL's own markup had two findings no prop reaches (a tab that is a list item holding
  // buttons; CodeMirror's scrolled box, not focusable): console/graphiql/accessibility-mends.ts mends them.
  expect(await accessibilityViolations(page)).toEqual([]);
  // With a second tab open, the tabs are a group of buttons, the current one said to be so.
  await page.getByRole('button', { name: 'New tab' }).click();
  const tabs = page.getByRole('group', { name: 'Select active operation' });
  expect(await tabs.locator('[aria-current="true"]').count()).toBe(1);
  expect(await tabs.getByRole('button', { name: /untitled/ }).count()).toBe(2);
  expect(await accessibilityViolations(page)).toEqual([]);

  expect(seen.requests.filter((url) => !url.startsWith(`${c.base}/`))).toEqual([]);
  expect(seen.refusals).toEqual([]);
  await context.close();
});

test('someone not signed in is told so at /graphql, signs in from its link, and is brought back to the IDE', async () => {
  const page = await c.browser.newPage();
  const seen = watch(page);
  await page.goto(`${c.base}/graphql`);
  const link = page.getByRole('link', { name: 'Sign in to the console' });
  expect(await link.getAttribute('href')).toBe('/sign-in?next=/graphql');
  expect(await page.getByRole('main').textContent()).toContain('you are not signed in');
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(seen.requests.filter((url) => !url.startsWith(`${c.base}/`))).toEqual([]);
  expect(seen.refusals).toEqual([]);
  await link.click();
  await page.getByLabel('API key').fill(c.app.keys.READER);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${c.base}/graphql`);
  await page.getByText(/GraphQL IDE as/).waitFor();
  await page.close();
});

test('GraphQL clients at /graphql get GraphQL as before: GET with a query, and a GET that prefers JSON', async () => {
  const url = `${c.base}/graphql?query=${encodeURIComponent(MP107)}`;
  const key = { authorization: `Bearer ${c.app.keys.READER}` };
  const get = await fetch(url, { headers: { ...key, 'apollo-require-preflight': 'true' } });
  expect(get.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await get.json()).toEqual({ data: { modification: { reference: 'MP107', title: 'SMETS1 Validation of SRV 6.15.1' } } });
  // Apollo's CSRF guard still refuses a GET that a plain link or form could send.
  const bare = await fetch(url, { headers: key });
  expect(bare.status).toBe(400);
  expect(((await bare.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toMatch(/Cross-Site Request Forgery/);
  // A GET with a query is GraphQL's even from a browser; one with no query that prefers JSON is too.
  const browserish = await fetch(url, { headers: { ...key, 'apollo-require-preflight': 'true', accept: 'text/html,*/*;q=0.8' } });
  expect(browserish.headers.get('content-type')).toMatch(/^application\/json/);
  for (const accept of ['application/json', '*/*']) {
    const noQuery = await fetch(`${c.base}/graphql`, { headers: { ...key, accept } });
    expect(noQuery.headers.get('content-type')).toMatch(/^application\/json/);
  }
  // The page varies by Accept, so no cache hands it to a client.
  const page = await fetch(`${c.base}/graphql`, { headers: { accept: 'text/html' } });
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('vary')).toMatch(/Accept/i);
  expect(page.headers.get('cache-control')).toBe('no-store');
});

test('without the console built, a browser at /graphql is told how to build it', async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), 'graphiql-unbuilt-'));
  const server = http.createServer(express().get('/graphql', graphiqlPage({ consoleDir: empty }), (_req, res) => {
    res.json({ passedOn: true });
  }));
  await new Promise<void>((resolve) => server.listen(0, resolve));
  try {
    const at = `http://localhost:${(server.address() as AddressInfo).port}/graphql`;
    const res = await fetch(at, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/^The GraphQL IDE is not built: run "npm run build:console"/);
    expect(await (await fetch(at, { headers: { accept: 'application/json' } })).json()).toEqual({ passedOn: true });
  } finally {
    server.close();
    await rm(empty, { recursive: true });
  }
});
