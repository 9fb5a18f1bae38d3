import type { Page } from 'playwright-core';
import { consoleOnApril2021 } from '../support/browser';

// The console by keyboard alone: no click, no mouse; Tab, typing, Enter and Space.

const c = consoleOnApril2021();

/** The little of the browser's DOM this file reads (the tests compile without the DOM's types). */
interface FocusedElement {
  id: string;
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface PageDocument {
  activeElement: FocusedElement | null;
  querySelector(selector: string): FocusedElement | null;
}

/** What has the keyboard's focus, as a person using a screen reader would hear it: its element and its name. */
const focused = (page: Page) => page.evaluate(() => {
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  const e = doc.activeElement;
  const label = e?.id ? doc.querySelector(`label[for="${e.id}"]`)?.textContent : null;
  return `${e?.tagName.toLowerCase()}: ${(label ?? e?.getAttribute('aria-label') ?? e?.textContent ?? '').trim()}`;
});

/** Presses Tab until the focus is on `target` (at most `limit` times): fails when Tab never gets there. */
async function tabTo(page: Page, target: string, limit = 60): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now === target) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached "${target}"; it went through: ${seen.join(' | ')}`);
}

test('by keyboard alone: sign in, skip to the page, find MP107, open it, correct its IA and come back to the button', async () => {
  const page = await c.browser.newPage();
  await page.goto(`${c.base}/sign-in`);
  await tabTo(page, 'input: API key');
  await page.keyboard.type(c.app.keys.ADMIN);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  // The first Tab offers to skip the navigation; Enter takes the focus to the page.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('a: Skip to the page');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatch(/^main: /);

  await tabTo(page, 'input: Search');
  await page.keyboard.type('mp107');
  await page.getByRole('status').filter({ hasText: '1 proposal' }).waitFor();
  await tabTo(page, 'a: MP107');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /^MP107: / }).waitFor();

  await tabTo(page, 'button: Correct MP107 IA');
  await page.keyboard.press('Enter');
  // The form opens with the focus in its first field.
  expect(await focused(page)).toBe('input: Requested on');
  // A date field takes three Tabs (day, month, year) in Chromium.
  await tabTo(page, 'input: DCC commentary', 30);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Corrected by keyboard');
  await page.keyboard.press('Enter');
  await page.getByRole('cell', { name: 'Corrected by keyboard' }).waitFor();
  // And the focus is back on the button that opened it, not lost to the top of the page.
  expect(await focused(page)).toBe('button: Correct MP107 IA');
  await page.close();
});

test('by keyboard alone: the DCC accepts an assessment on the board with Space', async () => {
  const page = await c.browser.newPage();
  await page.goto(`${c.base}/sign-in?next=${encodeURIComponent('/board?asOf=2021-04-09')}`);
  await tabTo(page, 'input: API key');
  await page.keyboard.type(c.app.keys.DCC);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Awaiting acceptance (1)' }).waitFor();
  await tabTo(page, 'button: Accept MP125 PA');
  await page.keyboard.press('Space');
  expect(await focused(page)).toBe('input: Accepted on');
  await tabTo(page, 'button: Confirm: accept', 5);
  await page.keyboard.press('Space');
  await page.getByRole('heading', { name: 'Awaiting acceptance (0)' }).waitFor();
  await page.close();
});
