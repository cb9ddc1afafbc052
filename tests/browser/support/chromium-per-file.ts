import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';

/**
 * One Chromium for the tests of a file, launched before the first and closed
 * after the last: a launch per test would only slow the suite, since every
 * phone gets a fresh browser context anyway. Call it at the top of the file;
 * the getter it returns hands the browser to a test.
 */
export function chromiumPerFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running yet: use the browser inside a test, not while the file is collected.');
    return browser;
  };
}
