import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { importRegisterFile } from '../../src/register-import';
import { testServiceContext } from './service-context';
import { startTestApp, type TestApp } from './test-app';

/**
 * A real browser for the console's tests: Debian's Chromium driven by playwright-core (no browser
 * download). `.ci/run` installs the chromium package when the machine lacks it.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's findings on the page as it stands: a list of "rule: what, where" lines, empty when
 * it finds nothing. Run through the DevTools protocol, which the page's CSP does not govern.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  });
  return violations;
}

/** Signs in on the console's page with a key, as a person would: types it, presses the button. */
export async function signIn(page: Page, base: string, key: string, path = '/'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * The service on the April 2021 register, with a browser to drive its console; `stop` closes both.
 * Each test file starts its own, so no test needs another's data.
 */
export async function startConsoleOnApril2021(): Promise<{ app: TestApp; browser: Browser; base: string; stop(): Promise<void> }> {
  const app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json'));
  const browser = await launchBrowser();
  return {
    app, browser, base: app.url.replace(/\/graphql$/, ''),
    async stop() {
      await browser.close();
      await app.stop();
    },
  };
}

export type ConsoleUnderTest = Awaited<ReturnType<typeof startConsoleOnApril2021>>;

/**
 * A test file's console on the April 2021 register: started before its tests, stopped after them.
 * The object is filled in by `beforeAll`: read its fields inside tests and hooks, not at load.
 */
export function consoleOnApril2021(): ConsoleUnderTest {
  const started = {} as ConsoleUnderTest;
  beforeAll(async () => {
    Object.assign(started, await startConsoleOnApril2021());
  });
  afterAll(async () => {
    await started.stop?.();
  });
  return started;
}
