import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/chromium-per-file';
import type { HoneyDoPage } from './support/honeydo-page';
import { itemsOnServer } from './support/items-on-server';
import { until } from './support/phone';
import { alexAtHome, alexAtHomeOnASilentNetwork } from './support/shared-household';
import { recordSyncClaims } from './support/sync-claims';

const browser = chromiumPerFile();

/** The client's keep-alive finds a silent connection within a ping interval and a pong wait (4 s + 3.5 s); the rest is slack for a busy machine. */
const NOTICED_WITHIN_MS = 10_000;

const isLive = async (page: HoneyDoPage) => /^Connection: connected/.test(await page.connectionLabel());

/** Milk and coffee saved on the list, then an add, a tick and an edit made while the connection is gone: each waits on its row. */
async function changesWhileGone(alex: HoneyDoPage): Promise<void> {
  await alex.addItem('bread');
  await alex.item('milk').click();
  await alex.page.getByRole('button', { name: 'Edit coffee', exact: true }).click();
  const editor = alex.page.getByRole('form', { name: 'Edit coffee' });
  await editor.getByLabel('Note').fill('decaf');
  await editor.getByRole('button', { name: 'Save' }).click();
}

async function milkAndCoffeeSaved(alex: HoneyDoPage): Promise<void> {
  for (const name of ['milk', 'coffee']) await alex.addItem(name);
  await alex.savedItem('coffee').waitFor();
  await alex.syncStatus.filter({ hasText: 'All changes saved' }).waitFor();
}

async function expectAllSaved(baseUrl: string, alex: HoneyDoPage): Promise<void> {
  await alex.syncStatus.filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
  const onServer = await itemsOnServer(baseUrl, alex);
  expect(onServer.map((item) => [item.name, item.checked, item.note])).toEqual([
    ['milk', true, null],
    ['coffee', false, 'decaf'],
    ['bread', false, null],
  ]);
  expect(await alex.unsavedChanges.count()).toBe(0);
}

describe('a connection that goes silent without closing', () => {
  it('is noticed within seconds, and the add, tick and edit queued meanwhile all reach the server once it is back', async () => {
    await using scene = await alexAtHomeOnASilentNetwork(browser());
    const { server, network, phone, alex } = scene;
    await milkAndCoffeeSaved(alex);
    const claims = await recordSyncClaims(phone.page);

    network.silence();
    const silentSince = Date.now();
    await changesWhileGone(alex);
    await until(async () => !(await isLive(alex)), 'the badge to leave “Live”', NOTICED_WITHIN_MS);
    expect(Date.now() - silentSince).toBeLessThan(NOTICED_WITHIN_MS);
    await phone.page.getByText('Can’t reach HoneyDo.').waitFor();
    await alex.syncStatus.filter({ hasText: '3 changes waiting' }).waitFor();
    // A reconnect attempt into the silence has failed too, and still nothing is given up.
    await until(async () => /Retrying in \d+ seconds/.test(await alex.connectionLabel()), 'a failed reconnect attempt', 20_000);
    for (const name of ['bread', 'milk', 'coffee']) await phone.page.locator('li.item--pending').filter({ has: alex.item(name) }).waitFor();
    expect(await alex.unsavedChanges.count()).toBe(0);

    network.restore();
    await until(() => isLive(alex), 'the badge to say “Live” again', 15_000);
    await expectAllSaved(network.url, alex);
    expect(server.url).not.toBe(network.url);
    expect((await claims()).falseClaims).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('a browser that says it is offline is believed at once; its queued changes are kept and sent when it is back', async () => {
    await using scene = await alexAtHome(browser());
    const { server, phone, alex } = scene;
    await milkAndCoffeeSaved(alex);
    const claims = await recordSyncClaims(phone.page);

    // Chromium's offline emulation leaves the WebSocket open and silent.
    await phone.context.setOffline(true);
    await until(async () => !(await isLive(alex)), 'the badge to leave “Live”', 2000);
    await phone.page.getByText('You’re offline.').waitFor();
    await changesWhileGone(alex);
    await alex.syncStatus.filter({ hasText: '3 changes waiting' }).waitFor();
    for (const name of ['bread', 'milk', 'coffee']) await phone.page.locator('li.item--pending').filter({ has: alex.item(name) }).waitFor();
    expect(await alex.unsavedChanges.count()).toBe(0);

    await phone.context.setOffline(false);
    await until(() => isLive(alex), 'the badge to say “Live” again', 15_000);
    await expectAllSaved(server.url, alex);
    expect((await claims()).falseClaims).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });
});
