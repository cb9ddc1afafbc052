import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/chromium-per-file';
import type { HoneyDoPage } from './support/honeydo-page';
import { itemsOnServer } from './support/items-on-server';
import { setPageVisibility, until } from './support/phone';
import { alexAtHomeOnASilentNetwork, type AlexAtHomeOnASilentNetwork } from './support/shared-household';
import { recordSyncClaims, type SyncClaims } from './support/sync-claims';

const browser = chromiumPerFile();

/** An HTTP round trip and two batched changes on loopback take milliseconds; the rest is slack for a busy machine. */
const CAUGHT_UP_WITHIN_MS = 2000;

const isLive = async (page: HoneyDoPage) => /^Connection: connected/.test(await page.connectionLabel());

/**
 * The WebSocket is cut and cannot come back (each upgrade is refused, and its
 * backoff grows) while plain HTTP still gets through; so are Server-Sent
 * Events, so the SSE fallback cannot go live either. Returns what the header
 * said about saving from then on.
 */
async function liveConnectionHeld({ network, phone, alex }: AlexAtHomeOnASilentNetwork): Promise<() => Promise<SyncClaims>> {
  await alex.syncStatus.filter({ hasText: 'All changes saved' }).waitFor();
  network.refuseWebSocketUpgrades({ alsoEventStreams: true });
  await until(async () => /Retrying in \d+ seconds/.test(await alex.connectionLabel()), 'a refused reconnect attempt', 10_000);
  return recordSyncClaims(phone.page);
}

async function queueBreadAndEggs(alex: HoneyDoPage): Promise<void> {
  for (const name of ['bread', 'eggs']) await alex.addItem(name);
  await alex.syncStatus.filter({ hasText: '2 changes waiting' }).waitFor();
}

/** Both changes are on the server, each once, within moments of `since`, and the live connection is still not back. */
async function caughtUpOverHttp(scene: AlexAtHomeOnASilentNetwork, since: number): Promise<void> {
  const { server, alex } = scene;
  const names = async () => (await itemsOnServer(server.url, alex)).map((item) => item.name);
  await until(async () => (await names()).length === 2, 'bread and eggs on the server', CAUGHT_UP_WITHIN_MS * 2);
  expect(Date.now() - since).toBeLessThan(CAUGHT_UP_WITHIN_MS);
  expect(await names()).toEqual(['bread', 'eggs']);
  await alex.syncStatus.filter({ hasText: 'All changes saved' }).waitFor();
  expect(await isLive(alex)).toBe(false);
}

/** Once the WebSocket gets through again the badge says "Live" (tried every 10 s on the fallback), and nothing was sent twice. */
async function liveAgainWithNothingDoubled(scene: AlexAtHomeOnASilentNetwork): Promise<void> {
  const { server, network, alex } = scene;
  network.restore();
  await until(async () => (await alex.connectionLabel()) === 'Connection: connected. Changes appear live.', 'the badge to say “Live” again', 20_000);
  expect((await itemsOnServer(server.url, alex)).map((item) => item.name)).toEqual(['bread', 'eggs']);
}

describe('changes that waited go out over HTTP without waiting for the live connection', () => {
  it('when the device comes back online, although the WebSocket cannot reconnect yet', async () => {
    await using scene = await alexAtHomeOnASilentNetwork(browser());
    const { phone, alex } = scene;
    const claims = await liveConnectionHeld(scene);
    await phone.context.setOffline(true);
    await phone.page.getByText('You’re offline.').waitFor();
    await queueBreadAndEggs(alex);

    const back = Date.now();
    await phone.context.setOffline(false);
    await caughtUpOverHttp(scene, back);

    await liveAgainWithNothingDoubled(scene);
    expect((await claims()).falseClaims).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('when the page is shown again, although the WebSocket cannot reconnect yet', async () => {
    await using scene = await alexAtHomeOnASilentNetwork(browser());
    const { phone, alex } = scene;
    const claims = await liveConnectionHeld(scene);
    await phone.page.getByText('Can’t reach HoneyDo.').waitFor();
    await queueBreadAndEggs(alex);
    await setPageVisibility(phone.page, 'hidden');

    const shown = Date.now();
    await setPageVisibility(phone.page, 'visible');
    await caughtUpOverHttp(scene, shown);

    await liveAgainWithNothingDoubled(scene);
    expect((await claims()).falseClaims).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });
});
