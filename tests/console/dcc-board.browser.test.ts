import type { Page } from 'playwright-core';
import { accessibilityViolations, signIn, consoleOnApril2021 } from '../support/browser';

/**
 * The SLA board as the DCC works it, in a real browser on the April 2021 register: each action is
 * one click to open (its day already the board's) and one to confirm, and the board redraws with
 * what the API now says.
 */
const c = consoleOnApril2021();

/** The board's section for a status, by its heading. */
const sectionOf = (page: Page, status: string) => page.getByRole('region', { name: new RegExp(`^${status} \\(\\d+\\)$`) });
const rowOf = (page: Page, status: string, reference: string) =>
  sectionOf(page, status).getByRole('row').filter({ has: page.getByRole('rowheader', { name: reference, exact: true }) });

test('a DCC user accepts MP125, pauses and resumes MP107, returns MP140, and sees the board change each time', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.DCC, '/board?asOf=2021-04-09');
  await rowOf(page, 'Awaiting acceptance', 'MP125').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);

  // Accept: two clicks, the day already the board's.
  await page.getByRole('button', { name: 'Accept MP125 PA' }).click();
  expect(await page.getByLabel('Accepted on').inputValue()).toBe('2021-04-09');
  await page.getByRole('button', { name: 'Confirm: accept' }).click();
  await rowOf(page, 'On track', 'MP125').waitFor();
  expect(await rowOf(page, 'Awaiting acceptance', 'MP125').count()).toBe(0);

  // Pause MP107's IA from 1 April, then resume it on 8 April: its Working Days over shrink by the paused days.
  expect(await rowOf(page, 'Overdue', 'MP107').getByText('48 WD over').count()).toBe(1);
  await page.getByRole('button', { name: 'Pause MP107 IA' }).click();
  await page.getByLabel('Paused from').fill('2021-04-01');
  await page.getByLabel('Why').fill('The DCC awaits the Service Providers');
  await page.getByRole('button', { name: 'Confirm: pause' }).click();
  await rowOf(page, 'Paused', 'MP107').waitFor();
  await page.getByRole('button', { name: 'Resume MP107 IA' }).click();
  await page.getByLabel('Resumed on').fill('2021-04-08');
  await page.getByRole('button', { name: 'Confirm: resume' }).click();
  const mp107 = rowOf(page, 'Overdue', 'MP107');
  await mp107.waitFor();
  const over = Number(/^(\d+) WD over$/.exec((await mp107.getByRole('cell').filter({ hasText: / WD over$/ }).textContent())!)![1]);
  expect(over).toBeLessThan(48);

  // A refusal is shown in the API's words, and changes nothing.
  await page.getByRole('button', { name: 'Return MP140 PA' }).click();
  await page.getByLabel('Returned on').fill('2021-01-01');
  await page.getByRole('button', { name: 'Confirm: return' }).click();
  expect(await page.getByRole('alert').textContent()).toMatch(/return|accept/i);
  await page.getByLabel('Returned on').fill('2021-04-09');
  await page.getByRole('button', { name: 'Confirm: return' }).click();
  // Returned: it leaves the board (the row goes once the board is redrawn).
  await rowOf(page, 'Overdue', 'MP140').waitFor({ state: 'detached' });
  expect(await page.getByRole('rowheader', { name: 'MP140', exact: true }).count()).toBe(0);

  // What the API says now is what the board showed.
  const [mp140] = (await c.app.gql(`{ assessments(filter: { modification: "MP140" }) { edges { node { returnedOn } } } }`)).data!.assessments.edges;
  expect(mp140.node.returnedOn).toBe('2021-04-09');
  await page.close();
});

test('a READER sees the board and no action on it', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.READER, '/board?asOf=2021-04-09');
  await sectionOf(page, 'Overdue').waitFor();
  expect(await page.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
  // The chart says in figures what the API counts for each status that day.
  const counts: string[] = [];
  for (const [status, words] of [['OVERDUE', 'Overdue'], ['DUE_SOON', 'Due soon'], ['ON_TRACK', 'On track'], ['PAUSED', 'Paused'], ['AWAITING_ACCEPTANCE', 'Awaiting acceptance']]) {
    const n = (await c.app.gql(`{ assessments(filter: { asOf: "2021-04-09", statuses: [${status}] }) { totalCount } }`)).data!.assessments.totalCount;
    counts.push(`${words} ${n}`);
  }
  expect(counts[0]).not.toBe('Overdue 0');
  await page.getByRole('img', { name: `Open assessments on Fri 9 Apr 2021: ${counts.join(', ')}`, exact: true }).waitFor();
  await page.getByText(/^2021-04: \d+ of \d+ assessments? due in the month returned within their target/).waitFor();
  expect((await page.getByRole('button').allTextContents()).sort()).toEqual(['Show', 'Sign out']);
  await page.close();
});
