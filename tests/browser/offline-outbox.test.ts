import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/chromium-per-file';
import { deviceRecords, putDeviceRecords, storedOnDevice } from './support/device-store';
import type { HoneyDoPage } from './support/honeydo-page';
import { screenshot, until, type Phone } from './support/phone';
import { itemsOnServer } from './support/items-on-server';
import { alexAndSamAtHome, alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** Records, in Sam's page, each row as it first appears, each tick and each new note, in the order the page shows them. */
async function recordChangesSeen(phone: Phone): Promise<() => Promise<string[]>> {
  await phone.page.evaluate(() => {
    const seen: string[] = [];
    let before = new Map<string, { checked: boolean; note: string }>();
    new MutationObserver(() => {
      const now = new Map<string, { checked: boolean; note: string }>();
      for (const row of document.querySelectorAll('li.item')) {
        now.set(row.querySelector('.item__name')?.textContent ?? '', {
          checked: row.querySelector<HTMLInputElement>('input[type=checkbox]')?.checked ?? false,
          note: row.querySelector('.item__note')?.textContent ?? '',
        });
      }
      for (const [name, { checked, note }] of now) {
        const earlier = before.get(name);
        if (!earlier) seen.push(`added ${name}`);
        if (checked && !earlier?.checked) seen.push(`ticked ${name}`);
        if (note && note !== earlier?.note) seen.push(`noted ${name}: ${note}`);
      }
      before = now;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
    (window as unknown as { changesSeen: string[] }).changesSeen = seen;
  });
  return () => phone.page.evaluate(() => (window as unknown as { changesSeen: string[] }).changesSeen);
}

const rowsNamed = (page: HoneyDoPage, name: string) => page.page.locator('li.item').filter({ has: page.item(name) }).count();

describe('the outbox: changes made offline', () => {
  it('edits made offline survive a reload and reach the other member once, in order', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, phoneB, alex, sam } = home;
    // The service worker script is always asked for again, so a new build reaches people on their next load.
    expect((await fetch(`${server.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    await alex.readyForOffline();
    const changesSeenBySam = await recordChangesSeen(phoneB);
    await alex.syncStatus.filter({ hasText: 'All changes saved' }).waitFor();

    await phoneA.context.setOffline(true);
    for (const name of ['bread', 'eggs', 'butter']) await alex.addItem(name);
    // An edit of a row the server has not seen yet: it waits for the add's answer, then goes with the real id.
    await phoneA.page.getByRole('button', { name: 'Edit eggs', exact: true }).click();
    const editor = phoneA.page.getByRole('form', { name: 'Edit eggs' });
    await editor.getByLabel('Note').fill('free range');
    await editor.getByRole('button', { name: 'Save' }).click();
    await alex.syncStatus.filter({ hasText: '4 changes waiting' }).waitFor();

    // A reload with no connection: the app opens from the service worker's
    // cache, the list and the queue from storage.
    await phoneA.page.reload();
    for (const name of ['bread', 'eggs', 'butter']) await phoneA.page.locator('li.item--pending').filter({ has: alex.item(name) }).waitFor();
    await phoneA.page.locator('li.item').filter({ has: alex.item('eggs') }).getByText('free range').waitFor();
    await alex.syncStatus.filter({ hasText: '4 changes waiting' }).waitFor();
    await alex.dismissNotices();
    // The README's copy is refreshed on request only, so a test run leaves the working tree clean.
    await screenshot(phoneA.page, 'offline-changes-waiting', process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? ['docs/screenshots/offline.png'] : []);
    expect(await sam.item('bread').count()).toBe(0);

    await phoneA.context.setOffline(false);
    await until(async () => (await changesSeenBySam()).length === 4, 'Sam to see all four changes', 20_000);
    expect(await changesSeenBySam()).toEqual(['added bread', 'added eggs', 'added butter', 'noted eggs: free range']);
    await alex.syncStatus.filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
    for (const page of [alex, sam]) {
      for (const name of ['bread', 'eggs', 'butter']) expect(await rowsNamed(page, name)).toBe(1);
      await page.page.locator('li.item').filter({ has: page.item('eggs') }).getByText('free range').waitFor();
    }

    const onServer = await itemsOnServer(server.url, sam);
    expect(onServer.map((item) => [item.name, item.note, item.version])).toEqual([
      ['bread', null, 1],
      ['eggs', 'free range', 2],
      ['butter', null, 1],
    ]);
    expect(home.pageErrors()).toEqual([]);
  });

  it('an edit open on a row added offline keeps what was typed, and the focus, when the add is confirmed', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, alex, sam } = home;
    await alex.readyForOffline();
    await phoneA.context.setOffline(true);
    await alex.addItem('bread');
    await phoneA.page.getByRole('button', { name: 'Edit bread', exact: true }).click();
    const editor = phoneA.page.getByRole('form', { name: 'Edit bread' });
    await editor.getByLabel('Note').fill('wholemeal');

    await phoneA.context.setOffline(false);
    await sam.savedItem('bread').waitFor({ timeout: 20_000 });
    await alex.syncStatus.filter({ hasText: 'All changes saved' }).waitFor({ timeout: 20_000 });
    expect(await editor.getByLabel('Note').inputValue()).toBe('wholemeal');
    expect(await editor.getByLabel('Note').evaluate((input) => input === document.activeElement)).toBe(true);
    await editor.getByLabel('Note').press('Enter');
    await sam.page.locator('li.item').filter({ has: sam.item('bread') }).getByText('wholemeal').waitFor();
    expect(home.pageErrors()).toEqual([]);
  });

  it('a queued change the server refuses is listed as not saved, with the reason, until dismissed', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, alex, sam } = home;
    await alex.addItem('milk');
    await sam.savedItem('milk').waitFor();

    await phoneA.context.setOffline(true);
    await alex.item('milk').click();
    await alex.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();
    await sam.removeItem('milk');
    await sam.item('milk').waitFor({ state: 'detached' });
    await phoneA.context.setOffline(false);

    const notice = alex.unsavedChanges;
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('Tick “milk”: That item does not exist (it may have been removed).');
    await alex.item('milk').waitFor({ state: 'detached' });
    // Nothing is waiting, and yet not everything was saved.
    const header = phoneA.page.getByRole('status').filter({ hasText: /^1 change not saved$/ });
    await header.waitFor();
    // Nothing to try again: the item is gone.
    expect(await notice.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await alex.dismissNotices();
    await screenshot(phoneA.page, 'not-saved');

    // It stays until read, across a reload too.
    await phoneA.page.reload();
    await notice.waitFor();
    await header.waitFor();
    await notice.getByRole('button', { name: 'Dismiss: Tick “milk”' }).click();
    await notice.waitFor({ state: 'detached' });
    await alex.syncStatus.filter({ hasText: 'All changes saved' }).waitFor();
    expect(home.pageErrors()).toEqual([]);
  });
});

describe('a tab whose person changes', () => {
  it('another tab signing in as someone else brings back that person’s waiting changes, which are sent', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, phoneB, alex, sam } = home;
    await phoneB.context.setOffline(true);
    await sam.addItem('eggs');
    await sam.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();
    await until(async () => (await storedOnDevice(phoneB.page)).includes('eggs'), 'Sam’s waiting change to be stored');

    // On Alex's phone another tab (no app in it) signs in as Sam: Sam's stored cache first, then the session.
    const otherTab = await phoneA.context.newPage();
    await otherTab.goto(`${server.url}/healthz`);
    await putDeviceRecords(otherTab, await deviceRecords(phoneB.page));
    const session = await phoneB.page.evaluate(() => localStorage.getItem('honeydo.session'));
    await otherTab.evaluate((signedIn) => localStorage.setItem('honeydo.session', signedIn ?? ''), session);

    // The first tab is Sam's now, and sends what Sam's phone (still offline) could not.
    await phoneA.page.getByRole('button', { name: 'Account: Sam' }).waitFor();
    await alex.savedItem('eggs').waitFor({ timeout: 20_000 });
    expect((await itemsOnServer(server.url, alex)).map((item) => item.name)).toEqual(['eggs']);
    expect(home.pageErrors()).toEqual([]);
  });
});

describe('a change refused for a reason that can pass', () => {
  it('an add refused because the list is full can be tried again once there is room', async () => {
    await using scene = await alexAtHome(browser(), { limits: { itemsPerList: 1 } });
    const { server, phone, alex } = scene;
    await alex.addItem('milk');
    await alex.savedItem('milk').waitFor();

    await alex.addItem('eggs');
    const notice = alex.unsavedChanges;
    await notice.filter({ hasText: 'Add “eggs”:' }).waitFor();
    expect(await notice.textContent()).toContain('the most a list can hold');
    await alex.item('eggs').waitFor({ state: 'detached' });

    await alex.removeItem('milk');
    await alex.item('milk').waitFor({ state: 'detached' });
    await notice.getByRole('button', { name: 'Try again' }).click();
    await alex.savedItem('eggs').waitFor();
    await notice.waitFor({ state: 'detached' });
    expect((await itemsOnServer(server.url, alex)).map((item) => item.name)).toEqual(['eggs']);
    expect(phone.pageErrors).toEqual([]);
  });
});

describe('undo', () => {
  it('undo of clear checked brings the items back for both members', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, alex, sam } = home;
    for (const name of ['milk', 'coffee', 'bread']) await alex.addItem(name);
    for (const name of ['milk', 'coffee']) {
      await alex.savedItem(name).waitFor();
      await alex.item(name).click();
      await until(() => sam.item(name).isChecked(), `${name} ticked on Sam’s phone`);
    }

    await phoneA.page.getByRole('button', { name: 'Clear checked' }).click();
    await sam.item('milk').waitFor({ state: 'detached' });
    await alex.notice('Cleared 2 checked items.');
    await alex.undoFromNotice();

    for (const page of [alex, sam]) {
      for (const name of ['milk', 'coffee']) {
        await page.savedItem(name).waitFor();
        expect(await page.item(name).isChecked()).toBe(true);
        expect(await rowsNamed(page, name)).toBe(1);
      }
    }
    expect((await itemsOnServer(server.url, alex)).map((item) => item.name)).toEqual(['milk', 'coffee', 'bread']);
    expect(home.pageErrors()).toEqual([]);
  });

  it('Ctrl+Z undoes the latest tick, for the other member too', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, alex, sam } = home;
    await alex.addItem('milk');
    await alex.savedItem('milk').waitFor();
    await alex.item('milk').click();
    await until(() => sam.item('milk').isChecked(), 'milk ticked on Sam’s phone');

    await phoneA.page.keyboard.press('Control+z');
    await alex.notice('Undone: Ticked “milk”.');
    await until(async () => !(await sam.item('milk').isChecked()), 'milk unticked on Sam’s phone');
    expect(await alex.item('milk').isChecked()).toBe(false);
    expect(home.pageErrors()).toEqual([]);
  });
});

describe('signing out', () => {
  it('leaves nothing of the person’s lists or waiting changes on the device', async () => {
    await using scene = await alexAtHome(browser());
    const { phone, alex } = scene;
    await alex.addItem('milk');
    await alex.savedItem('milk').waitFor();
    const stored = async () => `${await storedOnDevice(phone.page)}\n${await phone.page.evaluate(() => Object.values(localStorage).join('\n'))}`;

    await phone.context.setOffline(true);
    await alex.addItem('eggs');
    await alex.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();
    // The waiting change and the list are stored under keys of their own, each as soon as it can be.
    await until(async () => {
      const text = await stored();
      return text.includes('eggs') && text.includes('milk');
    }, 'the waiting change and the list to be stored');

    await alex.pressSignOut('Alex');
    // A change is waiting: signing out asks first.
    await phone.page.getByRole('button', { name: 'Sign out anyway' }).click();
    await phone.page.getByLabel('Your name').waitFor();
    expect(await stored()).not.toMatch(/milk|eggs/);
    expect(phone.pageErrors).toEqual([]);
  });
});
