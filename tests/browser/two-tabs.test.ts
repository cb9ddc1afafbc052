import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/clients';
import { chromiumPerFile } from './support/chromium-per-file';
import { deviceRecords, storedOnDevice } from './support/device-store';
import { HoneyDoPage } from './support/honeydo-page';
import { itemsOnServer } from './support/items-on-server';
import { openPhone, openTab, setTabOffline, until } from './support/phone';
import { alexAndSamAtHome, alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** Everything the app stored on this phone, as one text to search. */
const storedText = (page: HoneyDoPage) => storedOnDevice(page.page);

/** Alex at home with an invite code to share, and Sam signed in on a phone of his own, welcomed with no household yet. */
async function samWithoutAHousehold() {
  const home = await alexAtHome(browser());
  const code = await home.alex.inviteCode();
  const phone = await openPhone(browser());
  const firstTab = new HoneyDoPage(phone.page);
  await firstTab.signIn(home.server.url, 'Sam');
  await phone.page.getByRole('heading', { name: 'Welcome, Sam!' }).waitFor();
  return {
    server: home.server,
    code,
    phone,
    firstTab,
    async [Symbol.asyncDispose]() {
      await phone[Symbol.asyncDispose]();
      await home[Symbol.asyncDispose]();
    },
  };
}

/** Sam's phone with a second tab open beside the first, both ready to work offline; then the phone goes offline. */
async function samsSecondTabOffline({ server, phoneB, sam }: Awaited<ReturnType<typeof alexAndSamAtHome>>): Promise<HoneyDoPage> {
  await sam.readyForOffline();
  const secondTab = new HoneyDoPage(await openTab(phoneB));
  await secondTab.page.goto(server.url);
  await secondTab.addItemField.waitFor();
  await phoneB.context.setOffline(true);
  return secondTab;
}

describe('two tabs of one person: households', () => {
  it('a tab opened after a join elsewhere shows the household, not the welcome screen', async () => {
    await using scene = await samWithoutAHousehold();
    const { server, code, phone, firstTab } = scene;
    await until(async () => (await storedText(firstTab)).includes('"households":[]'), 'the household-less start to be stored');

    // Sam joins before that stored copy could learn of it (on another device, or in a tab whose write is still due).
    await using samApi = connectClient(server.url, await firstTab.sessionToken());
    await samApi.api.household.join.mutate({ inviteCode: code });

    const secondTab = new HoneyDoPage(await openTab(phone));
    await secondTab.page.goto(server.url);
    const welcome = secondTab.page.getByRole('heading', { name: 'Welcome, Sam!' });
    await welcome.or(secondTab.addItemField).waitFor();
    expect(await welcome.count()).toBe(0);
    expect(await secondTab.page.getByRole('combobox', { name: 'Household' }).inputValue()).toBeTruthy();
    expect(phone.pageErrors).toEqual([]);
  });

  it('a join in one tab shows in the person’s other tab at once', async () => {
    await using scene = await samWithoutAHousehold();
    const { server, code, phone, firstTab } = scene;

    const secondTab = new HoneyDoPage(await openTab(phone));
    await secondTab.page.goto(`${server.url}/join/${code}`);
    await secondTab.page.getByRole('button', { name: 'Join household' }).click();
    await secondTab.addItemField.waitFor();

    // Far sooner than the minute the first tab would otherwise trust what it has.
    await firstTab.addItemField.waitFor({ timeout: 5000 });
    expect(phone.pageErrors).toEqual([]);
  });
});

describe('two tabs of one person: waiting changes', () => {
  it('changes queued in a tab that was closed offline are sent by the tab still open, once', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneB, sam, alex } = home;
    await sam.addItem('milk');
    await sam.savedItem('milk').waitFor();

    const offlineTab = new HoneyDoPage(await openTab(phoneB));
    await offlineTab.page.goto(server.url);
    await offlineTab.savedItem('milk').waitFor();
    await setTabOffline(offlineTab.page, true);
    for (const name of ['bread', 'eggs', 'butter']) await offlineTab.addItem(name);
    await offlineTab.syncStatus.filter({ hasText: '3 changes waiting' }).waitFor();
    await until(async () => (await storedText(sam)).includes('butter'), 'the offline tab’s waiting changes to be stored');
    await offlineTab.page.close();

    // The tab still open writes the shared lists; the closed tab's changes are not overwritten but sent.
    await sam.item('milk').click();
    for (const name of ['bread', 'eggs', 'butter']) await alex.savedItem(name).waitFor({ timeout: 20_000 });
    await sam.syncStatus.filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
    const onServer = await itemsOnServer(server.url, sam);
    expect(onServer.map((item) => [item.name, item.checked])).toEqual([
      ['milk', true],
      ['bread', false],
      ['eggs', false],
      ['butter', false],
    ]);
    // Adopted once: no tab's changes are left stored to be sent again.
    expect((await deviceRecords(sam.page)).outboxes.flatMap(([, outbox]) => (outbox as { changes: unknown[] }).changes)).toEqual([]);
    expect(home.pageErrors()).toEqual([]);
  });
});

describe('two tabs of one person: waiting changes across reloads', () => {
  it('a change queued offline in tab 1 survives tab 2 making its own offline changes and both being reloaded', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneB, sam, alex } = home;
    const secondTab = await samsSecondTabOffline(home);

    await sam.addItem('bread');
    await sam.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();
    await until(async () => (await storedText(sam)).includes('bread'), 'tab 1’s change to be stored');
    for (const name of ['eggs', 'butter']) await secondTab.addItem(name);
    await secondTab.syncStatus.filter({ hasText: '2 changes waiting' }).waitFor();
    await until(async () => (await storedText(sam)).includes('butter'), 'tab 2’s changes to be stored');

    // Offline, each tab opens again from the service worker with its own queue.
    await sam.page.reload();
    await secondTab.page.reload();
    await sam.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();
    await secondTab.syncStatus.filter({ hasText: '2 changes waiting' }).waitFor();

    await phoneB.context.setOffline(false);
    for (const name of ['bread', 'eggs', 'butter']) await alex.savedItem(name).waitFor({ timeout: 20_000 });
    await sam.syncStatus.filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
    await secondTab.syncStatus.filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
    expect((await itemsOnServer(server.url, sam)).map((item) => item.name).sort()).toEqual(['bread', 'butter', 'eggs']);
    expect(home.pageErrors()).toEqual([]);
  });
});

describe('two tabs of one person: one writer', () => {
  it('closing the writer tab hands its queue over: a tick made in tab 2 on a row tab 1 added offline reaches HoneyDo after that add', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneB, sam, alex } = home;
    // The first tab of the person takes the writer's lock; the second hands its changes to it.
    const secondTab = await samsSecondTabOffline(home);

    await sam.addItem('bread');
    await until(async () => (await storedText(sam)).includes('bread'), 'tab 1’s add to be stored');
    // Tab 2 sees the row tab 1 added offline (from the lists they share on the device), and ticks it.
    await secondTab.page.reload();
    await secondTab.item('bread').check();
    await secondTab.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();
    await until(async () => (await deviceRecords(sam.page)).outboxes.length === 2, 'each tab’s waiting change to be stored');

    // The writer goes with its add still waiting; tab 2 takes over, and sends the add before its own tick.
    await sam.page.close();
    await phoneB.context.setOffline(false);
    await alex.savedItem('bread').waitFor({ timeout: 20_000 });
    await expect.poll(async () => alex.item('bread').isChecked(), { timeout: 20_000 }).toBe(true);
    await secondTab.syncStatus.filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
    expect((await itemsOnServer(server.url, secondTab)).map((item) => [item.name, item.checked])).toEqual([['bread', true]]);
    expect(home.pageErrors()).toEqual([]);
  });
});

describe('two tabs of one person: signing out', () => {
  it('signing out in one tab asks first about the changes waiting in another, and staying keeps them', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneB, sam, alex } = home;
    const offlineTab = new HoneyDoPage(await openTab(phoneB));
    await offlineTab.page.goto(server.url);
    await offlineTab.addItemField.waitFor();
    await setTabOffline(offlineTab.page, true);
    for (const name of ['bread', 'eggs']) await offlineTab.addItem(name);
    await until(async () => (await storedText(sam)).includes('eggs'), 'the other tab’s waiting changes to be stored');

    // Nothing waits in this tab: only the other tab's changes can make it ask.
    await sam.pressSignOut('Sam');
    const warning = phoneB.page.getByRole('alert').filter({ hasText: '2 changes have not reached HoneyDo yet (all are in your other tabs).' });
    await warning.waitFor();
    await phoneB.page.getByRole('button', { name: 'Stay signed in' }).click();

    // Still kept: closing the other tab hands them to this one, which sends them.
    await offlineTab.page.close();
    for (const name of ['bread', 'eggs']) await alex.savedItem(name).waitFor({ timeout: 20_000 });
    expect(home.pageErrors()).toEqual([]);
  });
});
