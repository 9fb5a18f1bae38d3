import { accessibilityViolations, signIn, consoleOnApril2021 } from '../support/browser';

/**
 * SECAS's work in the console, in a real browser on the April 2021 register: a paper built,
 * watched to READY, opened and circulated; a key made, used in another browser, and revoked.
 */
const c = consoleOnApril2021();

test('an admin builds the April 2021 report, watches it become READY, opens its PDF, and circulates it: the message is in the outbox', async () => {
  const { startAppWorker } = await import('../support/app-worker');
  const worker = await startAppWorker(c.app);
  try {
    const page = await c.browser.newPage();
    await signIn(page, c.base, c.app.keys.ADMIN, '/papers');
    await page.getByLabel('Paper', { exact: true }).selectOption('CHANGE_STATUS_REPORT');
    await page.getByLabel('Month', { exact: true }).fill('2021-04');
    await page.getByRole('button', { name: 'Build' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Change Status Report' }) }).filter({ hasText: '2021-04' });
    await row.getByText('Ready').waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toContain('SECP_91_1604_14');
    expect(await accessibilityViolations(page)).toEqual([]);

    // The PDF opens from its signed link, without the key.
    const href = await row.getByRole('link', { name: /^PDF/ }).getAttribute('href');
    const pdf = await fetch(new URL(href!, c.base));
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // And from the console itself, as a click on the link sends it (the session's cookie, no console header).
    expect(await page.evaluate(async (url) => (await fetch(url)).status, href!)).toBe(200);

    // The title block is edited before it goes out: the paper is drawn again with it.
    await row.getByRole('button', { name: /^Edit the title block of / }).click();
    await row.getByLabel('Author').fill('SECAS Change Team (console test)');
    await row.getByRole('button', { name: 'Save and re-render' }).click();
    await row.getByRole('status').filter({ hasText: 'Title block saved' }).waitFor();
    const html = await (await fetch(new URL((await row.getByRole('link', { name: /^HTML/ }).getAttribute('href'))!, c.base))).text();
    expect(html).toContain('SECAS Change Team (console test)');

    await row.getByLabel('Circulate to').selectOption('SECAS');
    await row.getByRole('button', { name: /^Circulate / }).click();
    await page.getByRole('status').filter({ hasText: 'is in the outbox for SECAS' }).waitFor();
    const messages = await c.app.db.query(`SELECT m.kind, g.name FROM outbox_message m JOIN recipient_group g ON g.id = m.group_id JOIN report r ON r.id = m.report_id WHERE r.period = '2021-04' AND m.kind = 'panel-paper'`);
    expect(messages).toEqual([{ kind: 'panel-paper', name: 'SECAS' }]);
    // Again is refused in the API's words.
    await row.getByRole('button', { name: /^Circulate / }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/was circulated to SECAS already/);
    await page.close();
  } finally {
    await worker.close();
  }
});

test('an admin makes a READER key, signs in with it in a second browser, revokes it in the first: the second is signed out at its next click', async () => {
  const adminContext = await c.browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, c.base, c.app.keys.ADMIN, '/keys');
  await admin.getByLabel('Name').fill('Panel member (console test)');
  await admin.getByLabel('Role').selectOption('READER');
  await admin.getByRole('button', { name: 'Make the key' }).click();
  const key = (await admin.getByLabel('The key for Panel member (console test)').textContent())!.trim();
  expect(key.length).toBeGreaterThan(20);
  expect(await accessibilityViolations(admin)).toEqual([]);

  const readerContext = await c.browser.newContext();
  const reader = await readerContext.newPage();
  await signIn(reader, c.base, key, '/register');
  await reader.getByRole('link', { name: 'MP107', exact: true }).waitFor();
  // A reader's console offers no admin page.
  expect(await reader.getByRole('link', { name: 'API keys' }).count()).toBe(0);

  await admin.getByRole('button', { name: 'Revoke Panel member (console test)' }).click();
  await admin.getByRole('row').filter({ hasText: 'Panel member (console test)' }).getByText(/^Revoked /).waitFor();

  await reader.getByRole('link', { name: 'MP107', exact: true }).click();
  await reader.getByLabel('API key').waitFor();
  expect(await reader.getByRole('status').textContent()).toMatch(/^You were signed out: .*revoked/);
  await adminContext.close();
  await readerContext.close();
});

test('a SECAS admin moves a Working Group meeting and sees its deadlines move; a reader subscribes to the calendar', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/meetings?from=2021-05-01&to=2021-05-31');
  const row = page.getByRole('row').filter({ hasText: 'Wed 5 May 2021' });
  // The meetings arrive after the page: wait for the row before reading its cells.
  await row.waitFor();
  // 10 and 5 Working Days before 5 May 2021 (3 May is a bank holiday).
  expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['Wed 5 May 2021', 'Tue 20 Apr 2021', 'Tue 27 Apr 2021']));
  expect(await accessibilityViolations(page)).toEqual([]);
  await row.getByRole('button', { name: /^Move / }).click();
  await page.getByLabel('New date').fill('2021-05-12');
  await page.getByLabel('Why (optional)').fill('Room unavailable');
  await page.getByRole('button', { name: 'Confirm: move' }).click();
  const moved = page.getByRole('row').filter({ hasText: 'Wed 12 May 2021' });
  await moved.waitFor();
  // 10 Working Days before 12 May is Tue 27 April (3 May is a bank holiday); 5 before is Wed 5 May.
  expect(await moved.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['Wed 12 May 2021', 'Tue 27 Apr 2021', 'Wed 5 May 2021']));
  // A day that is no Working Day is refused in the API's words.
  await moved.getByRole('button', { name: /^Move / }).click();
  await page.getByLabel('New date').fill('2021-05-15');
  await page.getByRole('button', { name: 'Confirm: move' }).click();
  expect(await page.getByRole('alert').textContent()).toMatch(/not a Working Day/);
  await page.close();

  const reader = await c.browser.newPage();
  await signIn(reader, c.base, c.app.keys.READER, '/meetings?from=2021-05-01&to=2021-05-31');
  await reader.getByRole('row').filter({ hasText: 'Wed 12 May 2021' }).waitFor();
  expect(await reader.getByRole('button', { name: /^Move / }).count()).toBe(0);
  await reader.getByRole('button', { name: 'Subscribe in a calendar' }).click();
  const href = await reader.getByRole('status').getByRole('link').getAttribute('href');
  const ics = await (await fetch(href!)).text();
  expect(ics).toContain('BEGIN:VCALENDAR');
  await reader.close();
});

test("SECAS sees a proposal's audit trail: who changed it, when, by which operation", async () => {
  expect((await c.app.gql(`mutation { updateModification(reference: "MP107", input: { proposer: "Named in the IA request" }) { version } }`)).errors).toBeUndefined();
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/proposals/MP107');
  const trail = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Operation' }) });
  await trail.getByRole('cell', { name: 'mutation updateModification' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.close();
});

test("SECAS previews a group's digest for a day without sending it, and sees the outbox and the recipient groups", async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/mail');
  await page.getByRole('heading', { level: 2, name: 'Recipient groups' }).waitFor();
  await page.getByRole('rowheader', { name: 'SECAS', exact: true }).waitFor();
  const sentBefore = (await c.app.db.query(`SELECT count(*)::int AS n FROM outbox_message`))[0].n;
  await page.getByLabel('Group').selectOption('DCC');
  await page.getByLabel('Day', { exact: true }).fill('2021-04-09');
  await page.getByRole('button', { name: 'Preview, without sending' }).click();
  const preview = page.getByRole('region', { name: 'The digest as it would be sent' });
  await preview.waitFor();
  expect(await preview.textContent()).toContain('MP107');
  // Its HTML part as a mail client shows it, in a frame that runs and fetches nothing of its own.
  const html = page.frameLocator('iframe[title^="The HTML part of"]');
  await html.getByText('MP107').first().waitFor();
  expect(await html.locator('style, [style]').count()).toBeGreaterThan(0);
  expect(await accessibilityViolations(page)).toEqual([]);
  // A preview records and sends nothing.
  expect((await c.app.db.query(`SELECT count(*)::int AS n FROM outbox_message`))[0].n).toBe(sentBefore);
  // A reader's console has no mail page.
  const reader = await c.browser.newPage();
  await signIn(reader, c.base, c.app.keys.READER, '/register');
  expect(await reader.getByRole('link', { name: 'Mail' }).count()).toBe(0);
  await reader.close();
  await page.close();
});

test('SECAS adds a holiday and removes it again; a reader sees the holidays and no action on them', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/holidays?year=2021');
  await page.getByRole('rowheader', { name: 'Mon 3 May 2021' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Add a holiday' }).click();
  await page.getByLabel('Day', { exact: true }).fill('2021-06-07');
  await page.getByLabel('Name').fill('Console test holiday');
  await page.getByRole('button', { name: 'Add it' }).click();
  const added = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Mon 7 Jun 2021' }) });
  await added.getByRole('cell', { name: 'Added by SECAS' }).waitFor();
  expect((await c.app.gql(`{ isWorkingDay(date: "2021-06-07") }`)).data!.isWorkingDay).toBe(false);
  // A day that is already no Working Day is refused in the API's words.
  await page.getByRole('button', { name: 'Add a holiday' }).click();
  await page.getByLabel('Day', { exact: true }).fill('2021-06-05');
  await page.getByLabel('Name').fill('A Saturday');
  await page.getByRole('button', { name: 'Add it' }).click();
  expect(await page.getByRole('alert').textContent()).toMatch(/2021-06-05/);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await added.getByRole('button', { name: 'Remove Mon 7 Jun 2021' }).click();
  await page.getByRole('button', { name: 'Remove it: a Working Day again' }).click();
  await added.waitFor({ state: 'detached' });
  expect((await c.app.gql(`{ isWorkingDay(date: "2021-06-07") }`)).data!.isWorkingDay).toBe(true);
  await page.close();

  const reader = await c.browser.newPage();
  await signIn(reader, c.base, c.app.keys.READER, '/holidays?year=2021');
  await reader.getByRole('rowheader', { name: 'Mon 3 May 2021' }).waitFor();
  expect(await reader.getByRole('button', { name: /Add|Remove/ }).count()).toBe(0);
  await reader.close();
});

test("SECAS reads the audit log: a proposal's changes, who made them, what each field was and became", async () => {
  const before = (await c.app.gql(`{ modification(reference: "MP096") { title } }`)).data!.modification.title;
  expect((await c.app.gql(`mutation { updateModification(reference: "MP096", input: { proposer: "Audit console test" }) { version } }`)).errors).toBeUndefined();
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/audit?target=MP096');
  const row = page.getByRole('row').filter({ hasText: 'mutation' }).first();
  await row.getByRole('listitem').filter({ hasText: 'proposer: — → Audit console test' }).waitFor();
  expect(await row.getByRole('link', { name: 'MP096' }).count()).toBe(1);
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(before).toBeTruthy();
  await page.close();
});

test('SECAS adds a recipient group with what its digest carries, then changes its addresses and turns it off', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/mail');
  await page.getByRole('rowheader', { name: 'SECAS', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Add a recipient group' }).click();
  const form = page.getByRole('form', { name: 'Add a recipient group' });
  await form.getByLabel('Name').fill('Panel members');
  await form.getByLabel('Addresses, one a line').fill('chair@example.test\nmember@example.test');
  for (const section of ['Changes', 'Meeting deadlines', 'Consultations', 'Refinement', 'Change status report', 'Modification timetables']) await form.getByLabel(section, { exact: true }).uncheck();
  expect(await accessibilityViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Add the group' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Panel members' }) });
  await row.getByRole('cell', { name: 'chair@example.test, member@example.test' }).waitFor();

  await row.getByRole('button', { name: 'Change Panel members' }).click();
  await row.getByLabel('Addresses, one a line').fill('chair@example.test');
  await row.getByLabel('Sent to').uncheck();
  await row.getByRole('button', { name: 'Save the group' }).click();
  await row.getByRole('cell', { name: 'chair@example.test', exact: true }).waitFor();
  const [group] = (await c.app.gql(`{ recipientGroups { name addresses sections enabled } }`)).data!.recipientGroups.filter((g: { name: string }) => g.name === 'Panel members');
  expect(group).toEqual({ name: 'Panel members', addresses: ['chair@example.test'], sections: ['ASSESSMENTS'], enabled: false });

  // An address that is none is refused in the API's words.
  await row.getByRole('button', { name: 'Change Panel members' }).click();
  await row.getByLabel('Addresses, one a line').fill('not an address');
  await row.getByRole('button', { name: 'Save the group' }).click();
  expect(await row.getByRole('alert').textContent()).toMatch(/not an address/);
  await page.close();
});

test('SECAS settles a message in doubt from the outbox: its recipients say it arrived, so it is marked sent', async () => {
  // As a worker leaves a message whose connection broke after the data was sent (the in-doubt path
  // itself is tests/notifications/mail-in-doubt.test.ts's): the mail page offers to settle it.
  const [secas] = await c.app.db.query(`SELECT id FROM recipient_group WHERE name = 'SECAS'`);
  const [message] = await c.app.db.query(
    `INSERT INTO outbox_message (kind, group_id, day, deduplication_key, message_id, recipients, subject, text_body, html_body, state, attempts, last_error, in_doubt_since)
     VALUES ('digest', $1, '2021-04-08', 'console-test-in-doubt', '<console-test@sec>', ARRAY['secas@secas.test'], 'Digest in doubt (console test)', 'text', '<p>html</p>', 'IN_DOUBT', 1, 'connection lost after the data was sent', now())
     RETURNING id`, [secas.id]);
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/mail');
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Digest in doubt (console test)' }) });
  await row.getByRole('cell', { name: 'In doubt', exact: true }).waitFor();
  await row.getByRole('button', { name: 'Digest in doubt (console test) to SECAS arrived: mark it sent' }).click();
  await row.getByRole('cell', { name: 'Sent', exact: true }).waitFor();
  const [after] = await c.app.db.query(`SELECT state FROM outbox_message WHERE id = $1`, [message.id]);
  expect(after.state).toBe('SENT');
  await page.close();
});
