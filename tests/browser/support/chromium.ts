import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * playwright-core downloads no browser: the tests drive the system's
 * Chromium. These flags keep it from phoning home (which a closed network
 * refuses, slowly) and let it run as root in a container.
 */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * Starts headless Chromium, or fails the test with a message that says how
 * to get one. Never a skip: a browser suite that did not run has not passed.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : `none of ${CANDIDATES.join(', ')} exists`;
    const fix =
      'Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium or Chrome binary.';
    const ci = process.env.CI === 'true' ? ' CI must provide a browser: this suite is part of the build.' : '';
    throw new Error(`The browser tests need Chromium, and ${where}. ${fix}${ci}`);
  }
  return chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
}
