import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { startServer, type ConfigOverrides, type TestServer } from '../../support/test-server';
import { HoneyDoPage } from './honeydo-page';
import { openPhone, type Phone } from './phone';
import { startSilentProxy, type SilentProxy } from './silent-proxy';

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

export interface AlexAtHome extends AsyncDisposable {
  server: TestServer;
  phone: Phone;
  alex: HoneyDoPage;
}

/** A server with the built app, and Alex alone on a phone with the household "Home" open. */
export async function alexAtHome(browser: Browser, overrides: ConfigOverrides = {}): Promise<AlexAtHome> {
  return withServer(overrides, async (server, opened) => ({ server, ...(await alexOpensHome(browser, server.url, opened)) }));
}

export interface AlexAtHomeOnASilentNetwork extends AlexAtHome {
  /** Between Alex's phone and the server: `silence()` it, `restore()` it. */
  network: SilentProxy;
}

/** As `alexAtHome`, with Alex's phone reaching the server through a network that can go silent without closing anything. */
export async function alexAtHomeOnASilentNetwork(browser: Browser, overrides: ConfigOverrides = {}): Promise<AlexAtHomeOnASilentNetwork> {
  return withServer(overrides, async (server, opened) => {
    const network = await opened(startSilentProxy(server.url));
    return { server, network, ...(await alexOpensHome(browser, network.url, opened)) };
  });
}

async function alexOpensHome(browser: Browser, baseUrl: string, opened: Opened): Promise<{ phone: Phone; alex: HoneyDoPage }> {
  const phone = await opened(openPhone(browser));
  const alex = new HoneyDoPage(phone.page);
  await alex.signIn(baseUrl, 'Alex');
  await alex.createHousehold('Home');
  return { phone, alex };
}

/**
 * A server with the built app, and Alex's and Sam's phones sharing "Home" on
 * it. `await using` closes the phones and the server, also when the test fails.
 */
export async function alexAndSamAtHome(browser: Browser, overrides: ConfigOverrides = {}): Promise<HomeOfTwo> {
  return withServer(overrides, async (server, opened) => {
    const phoneA = await opened(openPhone(browser));
    const phoneB = await opened(openPhone(browser));
    const [alex, sam] = [new HoneyDoPage(phoneA.page), new HoneyDoPage(phoneB.page)];
    await alexAndSamShareHome(server.url, alex, sam);
    return { server, phoneA, phoneB, alex, sam, pageErrors: () => [...phoneA.pageErrors, ...phoneB.pageErrors] };
  });
}

/** Closes `resource` with the scene. */
type Opened = <R extends AsyncDisposable>(resource: Promise<R>) => Promise<R>;

/**
 * Starts a server with the built app and sets the scene with `build`; what
 * it opens (`opened`) is closed with the server, newest first, when the scene
 * is disposed, or at once when setting it up fails.
 */
async function withServer<T extends object>(
  overrides: ConfigOverrides,
  build: (server: TestServer, opened: Opened) => Promise<T>,
): Promise<T & AsyncDisposable> {
  const server = await startServer({ staticDir: inject('spaDir'), ...overrides });
  const resources: AsyncDisposable[] = [server];
  const close = async () => {
    for (const resource of resources.reverse()) await resource[Symbol.asyncDispose]();
  };
  try {
    const scene = await build(server, async (resource) => {
      const opened = await resource;
      resources.push(opened);
      return opened;
    });
    return { ...scene, [Symbol.asyncDispose]: close };
  } catch (error) {
    await close();
    throw error;
  }
}
