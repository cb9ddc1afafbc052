import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/chromium-per-file';
import { deviceRecords, putDeviceRecords, storedOnDevice } from './support/device-store';
import type { HoneyDoPage } from './support/honeydo-page';
import { itemsOnServer } from './support/items-on-server';
import { until } from './support/phone';
import { alexAndSamAtHome, alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** Leaves the app (nothing of it runs to write), does `change` to what the phone stores, and opens the app again. */
async function withAppClosed(person: HoneyDoPage, baseUrl: string, change: () => Promise<void>): Promise<void> {
  await person.page.goto(`${baseUrl}/healthz`);
  await change();
  await person.page.goto(baseUrl);
}

const namesOnServer = async (baseUrl: string, person: HoneyDoPage) => (await itemsOnServer(baseUrl, person)).map((item) => item.name);

describe('what the app keeps on the device', () => {
  it('undo works after a reload: the removed item is back on both phones and on the server', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, alex, sam } = home;
    await alex.addItem('milk');
    await sam.savedItem('milk').waitFor();
    await alex.removeItem('milk');
    await sam.item('milk').waitFor({ state: 'detached' });
    await until(async () => (await storedOnDevice(phoneA.page)).includes('undo-history'), 'the undo history to be stored');

    await phoneA.page.reload();
    await alex.addItemField.waitFor();
    // Out of the add field, whose own Ctrl+Z undoes typing: as a tap beside it would.
    await phoneA.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await phoneA.page.keyboard.press('Control+z');

    await alex.savedItem('milk').waitFor();
    await sam.savedItem('milk').waitFor();
    expect(await namesOnServer(server.url, alex)).toEqual(['milk']);
    expect(home.pageErrors()).toEqual([]);
  });

  it('a store that cannot be read is set aside, kept, and the person told; the app opens with the lists from HoneyDo', async () => {
    await using scene = await alexAtHome(browser());
    const { server, phone, alex } = scene;
    await alex.addItem('milk');
    await alex.savedItem('milk').waitFor();
    await until(async () => (await storedOnDevice(phone.page)).includes('milk'), 'the list to be stored');
    const [[alexKey]] = (await deviceRecords(phone.page)).caches as [[string, unknown]];

    await withAppClosed(alex, server.url, () => putDeviceRecords(phone.page, { caches: [[alexKey, 'garbage']] }));

    await alex.notice('The lists stored on this device could not be read.');
    await alex.savedItem('milk').waitFor();
    expect((await deviceRecords(phone.page))['kept-aside']).toMatchObject([[1, { store: 'caches', key: alexKey, value: 'garbage' }]]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('a person with data from the previous version keeps their lists and waiting changes, and it leaves localStorage', async () => {
    await using scene = await alexAtHome(browser());
    const { server, phone, alex } = scene;
    await alex.addItem('milk');
    await alex.savedItem('milk').waitFor();
    await alex.readyForOffline();
    await phone.context.setOffline(true);
    await alex.addItem('eggs');
    await until(async () => (await storedOnDevice(phone.page)).includes('eggs'), 'the waiting change to be stored');
    const { caches, outboxes } = await deviceRecords(phone.page);

    // What the previous version kept, in its own keys and format (the lists, the tab's changes, the last event id) and no device store,
    // set up as the reload starts, before the new build's code runs: offline, no other page of the origin can be opened.
    await phone.page.addInitScript(
      ({ lists, outbox }) => {
        if (sessionStorage.getItem('previous-version-set-up')) return;
        sessionStorage.setItem('previous-version-set-up', 'yes');
        const [userKey, record] = lists as [string, { snapshot: unknown }];
        const [outboxKey, { changes }] = outbox as [string, { changes: unknown[] }];
        localStorage.setItem(`honeydo.cache.${userKey}`, JSON.stringify(record.snapshot));
        localStorage.setItem(outboxKey, JSON.stringify(changes));
        localStorage.setItem(`honeydo.lastEvent.${userKey}.home`, JSON.stringify({ id: '1', at: Date.now() }));
        // Queued before the app's own open, which waits for it.
        indexedDB.deleteDatabase('honeydo');
      },
      { lists: caches[0], outbox: outboxes[0] },
    );
    await phone.page.reload();

    // Still offline: the list and the waiting change can only come from what was stored.
    await alex.savedItem('milk').waitFor();
    await alex.item('eggs').waitFor();
    await alex.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();
    await until(async () => (await storedOnDevice(phone.page)).includes('eggs'), 'the migrated change in the device store');
    expect(await phone.page.evaluate(() => Object.keys(localStorage).filter((key) => /^honeydo\.(cache|outbox|lastEvent)\./.test(key)))).toEqual([]);

    await phone.context.setOffline(false);
    await alex.savedItem('eggs').waitFor({ timeout: 20_000 });
    expect(await namesOnServer(server.url, alex)).toEqual(['milk', 'eggs']);
    expect(phone.pageErrors).toEqual([]);
  });
});
