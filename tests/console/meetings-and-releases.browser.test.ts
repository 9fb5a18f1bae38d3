import { accessibilityViolations, signIn, consoleOnApril2021 } from '../support/browser';

// SECAS plans the year from the meetings page and keeps consultation windows and releases on theirs.

const c = consoleOnApril2021();

test('SECAS schedules a Panel with its agenda, corrects the agenda, and plans a year of Working Groups', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/meetings?from=2022-01-01&to=2022-12-31');
  await page.getByText('No meeting in these days.').waitFor();

  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  const form = page.getByRole('form', { name: 'Schedule a meeting' });
  await form.getByLabel('Body').selectOption('PANEL');
  await form.getByLabel('Date').fill('2022-01-21');
  await form.getByLabel('Title (optional)').fill('SEC Panel 100');
  await form.getByLabel('Agenda (optional)').fill('MP107; MP125');
  expect(await accessibilityViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Schedule it' }).click();
  const panel = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'SEC Panel 100' }) });
  await panel.getByRole('cell', { name: 'MP107, MP125' }).waitFor();

  // An unknown reference on the agenda is refused in the API's words; the agenda stays as it was.
  await panel.getByRole('button', { name: 'Set the agenda of SEC Panel 100 on Fri 21 Jan 2022' }).click();
  const agenda = page.getByRole('form', { name: 'Set the agenda of SEC Panel 100 on Fri 21 Jan 2022' });
  await agenda.getByLabel('Proposals, in order').fill('MP125; MP999');
  await agenda.getByRole('button', { name: 'Set the agenda' }).click();
  expect(await agenda.getByRole('alert').textContent()).toMatch(/MP999/);
  await agenda.getByLabel('Proposals, in order').fill('MP125; MP107');
  await agenda.getByRole('button', { name: 'Set the agenda' }).click();
  await panel.getByRole('cell', { name: 'MP125, MP107' }).waitFor();

  await page.getByRole('button', { name: 'Plan a year of Working Groups' }).click();
  await page.getByLabel('Year', { exact: true }).fill('2022');
  await page.getByRole('button', { name: 'Plan them' }).click();
  await page.getByRole('status').filter({ hasText: '12 Working Groups planned' }).waitFor();
  const listed = (await c.app.gql(`{ meetings(body: WORKING_GROUP, from: "2022-01-01", to: "2022-12-31") { date } }`)).data!.meetings;
  expect(listed).toHaveLength(12);
  await page.getByRole('rowheader', { name: /Working Group/i }).first().waitFor();
  expect(await page.getByRole('rowheader', { name: /Working Group/i }).count()).toBe(12);
  await page.close();
});

test('SECAS corrects a consultation window and adds a release; a reader sees both and no action', async () => {
  const opened = await c.app.gql(`mutation { openConsultation(input: { modification: "MP096", kind: REFINEMENT, opensOn: "2021-04-06", closesOn: "2021-04-27" }) { id } }`);
  expect(opened.errors).toBeUndefined();
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/consultations?from=2021-04-01&to=2021-04-30');
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'MP096' }) });
  await row.getByRole('cell', { name: 'Tue 27 Apr 2021' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await row.getByRole('button', { name: "Correct the window of MP096's refinement consultation" }).click();
  await row.getByLabel('Closes on').fill('2021-05-04');
  await row.getByRole('button', { name: 'Save the window' }).click();
  await row.getByRole('cell', { name: 'Tue 4 May 2021' }).waitFor();

  await page.getByRole('button', { name: 'Add a release' }).click();
  const release = page.getByRole('form', { name: 'Add a release' });
  await release.getByLabel('Name').fill('November 2022 SEC Release');
  await release.getByLabel('Kind').selectOption('SCHEDULED');
  await release.getByLabel('Release date').fill('2022-11-03');
  await release.getByLabel('Modification Report to the Panel by').fill('2022-05-20');
  await release.getByRole('button', { name: 'Add it' }).click();
  const added = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'November 2022 SEC Release' }) });
  await added.getByRole('cell', { name: 'Thu 3 Nov 2022' }).waitFor();
  await page.close();

  const reader = await c.browser.newPage();
  await signIn(reader, c.base, c.app.keys.READER, '/consultations?from=2021-04-01&to=2021-04-30');
  await reader.getByRole('rowheader', { name: 'November 2022 SEC Release' }).waitFor();
  await reader.getByRole('rowheader', { name: 'MP096' }).waitFor();
  expect(await reader.getByRole('button', { name: /Correct|Add/ }).count()).toBe(0);
  expect(await accessibilityViolations(reader)).toEqual([]);
  await reader.close();
});
