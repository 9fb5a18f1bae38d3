import { type Browser, type BrowserContextOptions, chromium } from 'playwright-core';

/**
 * Debian's Chromium, launched as the console's tests launch it (tests/support/browser.ts), except
 * that Ctrl-C is the bench's to handle: Playwright's own handler exits the process at once, before
 * the bench has stopped the service and dropped its database.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    handleSIGINT: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Resource {
  /** The address's path, /console/assets/app.js say. */
  path: string;
  startMs: number;
  endMs: number;
  /** Bytes on the wire, headers included, and the body alone as sent (the server compresses nothing). */
  transferBytes: number;
  bodyBytes: number;
}

/** One cold load of a page, all times from the navigation's start. */
export interface Load {
  /** As the person waits: from `goto` until the page reports the frame that shows the row, measured here. */
  wallMs: number;
  /** In the page: the row is in the document, and the first frame after it. */
  rowInDomMs: number;
  rowPaintedMs: number;
  documentEndMs: number;
  domContentLoadedMs: number;
  documentBytes: number;
  resources: Resource[];
  /** Refused or failed requests, answers other than 2xx, requests leaving the service, script errors. */
  failures: string[];
}

/**
 * Marks, in the page, the moment the register's row for `reference` is in the document and the
 * frame after it, and tells the bench at once through a binding. Injected through the DevTools
 * protocol (the console's CSP does not govern it), into both pages alike, before their own code.
 */
const markUsable = (reference: string) => `(() => {
  const found = () => Array.from(document.querySelectorAll('tbody th')).some((th) => th.textContent.trim() === ${JSON.stringify(reference)});
  const observer = new MutationObserver(() => {
    if (globalThis.__rowInDom !== undefined || !found()) return;
    globalThis.__rowInDom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      globalThis.__rowPainted = performance.now();
      globalThis.__benchUsable();
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

const FIGURES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    rowInDom: globalThis.__rowInDom, rowPainted: globalThis.__rowPainted,
    documentEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, documentBytes: nav.encodedBodySize,
    resources: performance.getEntriesByType('resource').map((r) => ({
      path: new URL(r.name).pathname, startMs: r.startTime, endMs: r.responseEnd, transferBytes: r.transferSize, bodyBytes: r.encodedBodySize,
    })),
  };
})()`;

/**
 * Opens `url` in a context of its own (cold: nothing cached, the HTTP cache off through the
 * DevTools protocol, so every load fetches every byte), with `storageState` (the console's
 * session cookie) when given, and waits until the register's first row and the row for
 * `reference` are visible: the page is usable, its data shown.
 */
export async function loadOnce(browser: Browser, { url, reference, storageState, timeoutMs = 15_000 }: {
  url: string; reference: string; storageState?: BrowserContextOptions['storageState']; timeoutMs?: number;
}): Promise<Load> {
  const context = await browser.newContext({ storageState });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript({ content: markUsable(reference) });
    const origin = new URL(url).origin;
    const failures: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && new URL(r.url()).origin !== origin) failures.push(`${r.url()}: left the service (no network at run time)`);
    });
    page.on('requestfailed', (r) => failures.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
    page.on('response', (r) => {
      if (r.status() < 200 || r.status() > 299) failures.push(`${r.url()}: answered ${r.status()}`);
    });
    page.on('pageerror', (err) => failures.push(`script error: ${err.message}`));

    // The clock stops when the page says the row is painted, not when a locator finds it:
    // Playwright polls for a selector with a backoff (20, 50, 100, 100, 500 ms), which would
    // round the time up by as much. The locators then check the rows are visible, untimed.
    let usable: () => void = () => undefined;
    const painted = new Promise<number>((resolve) => (usable = () => resolve(performance.now())));
    await page.exposeBinding('__benchUsable', () => usable());
    const t0 = performance.now();
    try {
      await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
      const wallMs = (await within(painted, timeoutMs, 'the row was not painted')) - t0;
      await page.locator('tbody tr').first().waitFor({ state: 'visible', timeout: timeoutMs });
      await page.getByRole('rowheader', { name: reference, exact: true }).waitFor({ state: 'visible', timeout: timeoutMs });
      await page.waitForLoadState('load');
      const f = (await page.evaluate(FIGURES)) as {
        rowInDom: number; rowPainted: number; documentEnd: number; domContentLoaded: number; documentBytes: number; resources: Resource[];
      };
      // Listening stops before the context closes: a request the closing aborted would read as a failure of the page.
      page.removeAllListeners();
      return {
        wallMs, rowInDomMs: f.rowInDom, rowPaintedMs: f.rowPainted, documentEndMs: f.documentEnd, domContentLoadedMs: f.domContentLoaded,
        documentBytes: f.documentBytes, resources: f.resources, failures,
      };
    } catch (err) {
      page.removeAllListeners();
      failures.push(`not usable: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
      return { ...EMPTY, failures };
    }
  } finally {
    await context.close();
  }
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const EMPTY: Load = { wallMs: NaN, rowInDomMs: NaN, rowPaintedMs: NaN, documentEndMs: NaN, domContentLoadedMs: NaN, documentBytes: NaN, resources: [], failures: [] };
