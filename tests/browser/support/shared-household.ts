import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { startServer, type ConfigOverrides, type TestServer } from '../../support/test-server';
import { HoneyDoPage } from './honeydo-page';
import { openPhone, type Phone } from './phone';

/**
 * Alex starts the household "Home" and Sam joins it through Alex's invite
 * link: where every story of two people sharing a list begins. Returns once
 * both have its list on screen.
 */
export async function alexAndSamShareHome(baseUrl: string, alex: HoneyDoPage, sam: HoneyDoPage): Promise<void> {
  await alex.signIn(baseUrl, 'Alex');
  await alex.createHousehold('Home');
  await sam.joinByInvite(baseUrl, 'Sam', await alex.inviteCode());
}

export interface HomeOfTwo extends AsyncDisposable {
  server: TestServer;
  phoneA: Phone;
  phoneB: Phone;
  alex: HoneyDoPage;
  sam: HoneyDoPage;
  /** Uncaught exceptions on either phone; a test ends by asserting there were none. */
  pageErrors(): Error[];
}

/**
 * A server with the built app, and Alex's and Sam's phones sharing "Home" on
 * it. `await using` closes the phones and the server, also when the test fails.
 */
export async function alexAndSamAtHome(browser: Browser, overrides: ConfigOverrides = {}): Promise<HomeOfTwo> {
  const server = await startServer({ staticDir: inject('spaDir'), ...overrides });
  const opened: AsyncDisposable[] = [server];
  const close = async () => {
    for (const resource of opened.reverse()) await resource[Symbol.asyncDispose]();
  };
  try {
    const phoneA = await openPhone(browser);
    opened.push(phoneA);
    const phoneB = await openPhone(browser);
    opened.push(phoneB);
    const [alex, sam] = [new HoneyDoPage(phoneA.page), new HoneyDoPage(phoneB.page)];
    await alexAndSamShareHome(server.url, alex, sam);
    return { server, phoneA, phoneB, alex, sam, pageErrors: () => [...phoneA.pageErrors, ...phoneB.pageErrors], [Symbol.asyncDispose]: close };
  } catch (error) {
    await close();
    throw error;
  }
}
