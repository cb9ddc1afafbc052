import { rmSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMEMBERED_CLERK_PERSON_KEY, type RememberedClerkPerson } from '../../client/features/auth/remembered-clerk-person';
import { buildSpaFolder } from './support/build-spa';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { itemsOnServer } from './support/items-on-server';
import { openPhone } from './support/phone';
import { alexAtHome, type AlexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** Where the test's Clerk instance would be: a well-formed publishable key for a host that is never reached. */
const CLERK_HOST = 'clerk.honeydo.invalid';
const CLERK_KEY = `pk_test_${Buffer.from(`${CLERK_HOST}$`).toString('base64')}`;

// The Clerk-mode build is made here, not in the project's global setup, so only a run that selects this file pays for it.
let clerkSpaDir = '';
beforeAll(async () => {
  clerkSpaDir = await buildSpaFolder(CLERK_KEY);
}, 180_000);
afterAll(() => rmSync(clerkSpaDir, { recursive: true, force: true }));

/** Refuses every request that leaves the test's own server (Clerk's script and its API), so no test depends on the machine having no network. */
async function blockClerk(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      blocked.push(new URL(route.request().url()).hostname);
      return route.abort('internetdisconnected');
    },
  );
  return blocked;
}

/**
 * Alex's phone as a Clerk-mode session leaves it: the lists stored, "bread"
 * still waiting, and Alex remembered as the one signed in, on a server that
 * now serves the Clerk build. Clerk cannot be reached from here, so the
 * lists and the waiting change are made by the app itself in a local-mode
 * session on the same origin (the stored cache is kept by person, whichever
 * sign-in made it), and what Clerk mode adds, the remembered person, is
 * written beside them.
 */
/** How long a reload offline may take to show the stored lists. */
const OFFLINE_RELOAD_MS = 30_000;

async function alexLeftSignedInWithClerk() {
  const home = await alexAtHome(browser());
  try {
    return await leaveSignedInWithClerk(home);
  } catch (error) {
    await home[Symbol.asyncDispose]();
    throw error;
  }
}

async function leaveSignedInWithClerk(home: AlexAtHome) {
  const { phone, alex } = home;
  await alex.addItem('milk');
  await alex.savedItem('milk').waitFor();
  await alex.readyForOffline();
  await phone.context.setOffline(true);
  await alex.addItem('bread');
  await alex.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();
  // A reload writes everything down, as leaving the page does.
  await phone.page.reload();
  // Offline, the page comes from the service worker and the lists from IndexedDB: on a machine busy with
  // the other test files it took over 10 s (Playwright's default) in both of this file's tests.
  await phone.page.locator('li.item--pending').filter({ has: alex.item('bread') }).waitFor({ timeout: OFFLINE_RELOAD_MS });

  const person: RememberedClerkPerson = { userId: await alex.signedInUserId(), displayName: 'Alex' };
  const stored = await phone.context.storageState({ indexedDB: true });
  const device = {
    ...stored,
    origins: stored.origins.map((origin) =>
      origin.origin === home.server.url
        ? { ...origin, localStorage: [...origin.localStorage, { name: REMEMBERED_CLERK_PERSON_KEY, value: JSON.stringify(person) }] }
        : origin,
    ),
  };
  const server = await home.server.restart({ staticDir: clerkSpaDir });
  const clerkPhone = await openPhone(browser(), { storageState: device });
  const blocked = await blockClerk(clerkPhone.context);
  return {
    server,
    clerkPhone,
    page: new HoneyDoPage(clerkPhone.page),
    blocked,
    async [Symbol.asyncDispose]() {
      await clerkPhone[Symbol.asyncDispose]();
      await server[Symbol.asyncDispose]();
      await home[Symbol.asyncDispose]();
    },
  };
}

describe('Clerk mode while Clerk cannot be reached', () => {
  it('a reload offline shows the last signed-in person’s lists and waiting change, and sends nothing without a token', async () => {
    await using device = await alexLeftSignedInWithClerk();
    const { server, clerkPhone, page, blocked } = device;
    const banner = clerkPhone.page.getByRole('status').filter({ hasText: 'Offline — signed in as Alex' });

    // The first visit to the Clerk build installs its service worker; Clerk does not load, so after a moment Alex's lists open.
    await clerkPhone.page.goto(server.url);
    await banner.waitFor();
    await page.readyForOffline();

    await clerkPhone.context.setOffline(true);
    await clerkPhone.page.reload();
    await banner.waitFor();
    await expect.poll(() => banner.textContent()).toContain('changes are kept on this device until HoneyDo can check your sign-in');
    await page.savedItem('milk').waitFor();
    await clerkPhone.page.locator('li.item--pending').filter({ has: page.item('bread') }).waitFor();
    await page.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();

    expect(blocked).toContain(CLERK_HOST);
    // Nothing went to HoneyDo without a token from Clerk: the server has milk only.
    expect((await itemsOnServer(server.url, page)).map((item) => item.name)).toEqual(['milk']);
    expect(clerkPhone.pageErrors).toEqual([]);
  });

  it('signing out while Clerk cannot be reached forgets the person: the next load does not open their lists', async () => {
    await using device = await alexLeftSignedInWithClerk();
    const { server, clerkPhone, page } = device;
    await clerkPhone.page.goto(server.url);
    await page.item('milk').waitFor();
    // The waiting change is this tab's once the tab it was queued in is known to be gone.
    await page.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();

    await page.pressSignOut('Alex');
    await clerkPhone.page.getByRole('button', { name: 'Sign out anyway' }).click();
    const waitingForClerk = clerkPhone.page.getByRole('status').filter({ hasText: 'Waiting for the sign-in service…' });
    await waitingForClerk.waitFor();
    await clerkPhone.page.reload();
    await waitingForClerk.waitFor();
    expect(await page.item('milk').count()).toBe(0);
    expect(clerkPhone.pageErrors).toEqual([]);
  });
});
