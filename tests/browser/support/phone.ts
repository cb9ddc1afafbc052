import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** An everyday phone: the layout is designed for this width first. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

export interface Phone extends AsyncDisposable {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page; a test ends by asserting there were none. */
  pageErrors: Error[];
}

/** A fresh browser profile (own cookies, and own storage unless `storageState` brings some) with one page, like a separate person's phone. */
export async function openPhone(browser: Browser, options: Pick<BrowserContextOptions, 'storageState'> = {}): Promise<Phone> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true, isMobile: true, reducedMotion: 'reduce', ...options });
  const pageErrors: Error[] = [];
  const page = await watchedPage(context, pageErrors);
  return {
    context,
    page,
    pageErrors,
    [Symbol.asyncDispose]: () => context.close(),
  };
}

/** Another tab on the same phone: it shares the first one's storage, as a person's second tab does. */
export function openTab(phone: Phone): Promise<Page> {
  return watchedPage(phone.context, phone.pageErrors);
}

async function watchedPage(context: BrowserContext, pageErrors: Error[]): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error));
  return page;
}

/** Takes one tab off the network while the phone's other tabs stay on it (Playwright's setOffline is for the whole context). */
export async function setTabOffline(page: Page, offline: boolean): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

const CRASH_REPORTED_WITHIN_MS = 10_000;

/**
 * Crashes a tab's renderer as an out-of-memory kill or a phone dropping a
 * background tab does: no `pagehide`, no `beforeunload`, nothing written on
 * the way out (`page.close({ runBeforeUnload: false })` still unloads the
 * page cleanly). Resolves once the crash is reported; the dead tab is closed.
 */
export async function crashTab(page: Page): Promise<void> {
  // Listening before the crash; a crash never reported fails here rather than hanging the test.
  const crashed = page.waitForEvent('crash', { timeout: CRASH_REPORTED_WITHIN_MS });
  const cdp = await page.context().newCDPSession(page);
  // The answer never comes: the renderer that would send it is gone.
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  await page.close();
}

const ARTIFACTS = path.resolve('test-artifacts');

/** Saves a screenshot under test-artifacts/ (and to any extra paths, e.g. the README's copy). */
export async function screenshot(page: Page, name: string, alsoTo: string[] = []): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // No pointer resting on a control: its hover or focus look is not the picture.
  await page.mouse.move(0, 0);
  const buffer = await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), animations: 'disabled', caret: 'hide' });
  for (const target of alsoTo) {
    mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    writeFileSync(path.resolve(target), buffer);
  }
}

/** Polls `check` until it holds, or fails naming what was awaited. For conditions Playwright's locators cannot express. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Hides or shows the page as switching apps or tabs does: `visibilityState`
 * and `hidden` read as given, and `visibilitychange` fires. Headless
 * Chromium's pages are always visible, and Playwright has no switch for it.
 */
export async function setPageVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((shown) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => shown });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => shown === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}
