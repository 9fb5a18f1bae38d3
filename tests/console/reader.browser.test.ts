import { accessibilityViolations, signIn, consoleOnApril2021 } from '../support/browser';

/**
 * The console in a real browser, on the April 2021 register: a READER finds a proposal and its
 * SLA as of a day and can change nothing; a key revoked elsewhere signs its session out; what the
 * register holds shows as text; every page passes axe-core.
 */
const c = consoleOnApril2021();

test('a READER signs in, finds MP107 by typing mp107, sees its IA OVERDUE by 48 WD on 9 April 2021, and finds no button that changes anything', async () => {
  const context = await c.browser.newContext();
  const page = await context.newPage();
  await signIn(page, c.base, c.app.keys.READER);
  expect(await page.getByText('Signed in as').textContent()).toContain('(READER)');
  // The session is a cookie no script can read, sent to this site only, holding nothing of the key.
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: 'sec_session', httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(decodeURIComponent(cookie!.value)).not.toContain(c.app.keys.READER);

  await page.getByLabel('Search').fill('mp107');
  await page.getByRole('link', { name: 'MP107', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^MP107: / }).waitFor();
  await page.getByLabel('SLA as of').fill('2021-04-09');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/\/proposals\/MP107\?asOf=2021-04-09$/);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'IA' }) });
  await row.getByText('48 WD over').waitFor();
  expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['CR1352', 'Tue 1 Dec 2020', 'Fri 29 Jan 2021', 'OVERDUE', '48 WD over']));
  await page.getByRole('caption').filter({ hasText: 'DCC assessments on Fri 9 Apr 2021' }).waitFor();

  // Its history, meetings and the rest are on the page; the audit trail is SECAS's, not a reader's.
  await page.getByRole('heading', { level: 2, name: 'Phase history' }).waitFor();
  expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Assessments', 'Phase history', 'Meetings', 'Consultations', 'Decisions', 'Work packages']);
  // Nothing here changes the register: the only buttons sign out and show another day.
  expect((await page.getByRole('button').allTextContents()).sort()).toEqual(['Show', 'Sign out']);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.goto(`${c.base}/register?phase=REFINE`);
  await page.getByRole('status').filter({ hasText: 'proposals' }).waitFor();
  // On the register, the other buttons sort the table (and, for SECAS only, import a spreadsheet).
  const names = await page.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.textContent!.replace(/[▲▼]/g, '').trim()));
  expect(names.sort()).toEqual(['Phase', 'Proposal', 'Raised', 'Sign out', 'Title']);
  expect(await accessibilityViolations(page)).toEqual([]);
  await context.close();
});

test('the sign-in page passes axe-core, and a wrong key is told so in the API\'s words', async () => {
  const page = await c.browser.newPage();
  await page.goto(`${c.base}/`);
  await page.getByLabel('API key').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel('API key').fill('not-a-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect(await page.getByRole('alert').textContent()).toBe('That key is not valid: unknown, revoked or expired');
  await page.close();
});

test('a key revoked in one browser signs its session out in another at its next click', async () => {
  const made = (await c.app.gql(`mutation { createApiKey(name: "Panel member", role: READER) { key apiKey { id } } }`)).data!.createApiKey;
  const context = await c.browser.newContext();
  const page = await context.newPage();
  await signIn(page, c.base, made.key, '/register');
  await page.getByRole('link', { name: 'MP107', exact: true }).waitFor();
  expect((await c.app.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: made.apiKey.id })).errors).toBeUndefined();
  await page.getByRole('link', { name: 'MP107', exact: true }).click();
  await page.getByLabel('API key').waitFor();
  expect(await page.getByRole('status').textContent()).toMatch(/^You were signed out: .*revoked/);
  // The session's cookie is gone, and it opens nothing any more.
  expect(await context.cookies()).toEqual([]);
  await context.close();
});

test('what the register holds shows as text on every page: a title that is HTML runs nothing', async () => {
  const title = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  expect((await c.app.gql(`mutation($t: String!) { createModification(input: { reference: "DP901", title: $t, kind: DRAFT_PROPOSAL }) { id } }`, { t: title })).errors).toBeUndefined();
  const page = await c.browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, c.base, c.app.keys.READER, '/register?q=DP901');
  await page.getByRole('cell', { name: title }).waitFor();
  await page.getByRole('link', { name: 'DP901', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `DP901: ${title}` }).waitFor();
  expect(await page.locator('img, script:not([src])').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await page.close();
});

test("a request with the session but without the console's header is refused, whatever it asks", async () => {
  const context = await c.browser.newContext();
  const page = await context.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN);
  // As a page on another site would try: the cookie goes only with same-site requests, and even then the header is required.
  const status = await page.evaluate(async () => (await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation { addHoliday(date: "2021-12-29", name: "x") }' }) })).status);
  expect(status).toBe(403);
  expect((await c.app.gql(`{ holidays(year: 2021) { date } }`)).data!.holidays).not.toContainEqual({ date: '2021-12-29' });
  await context.close();
});
