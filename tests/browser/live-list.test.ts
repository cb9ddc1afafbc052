import { describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/test-server';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { openPhone, screenshot, until } from './support/phone';
import { alexAndSamAtHome, alexAndSamShareHome, alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

describe('the shared list, live in two browsers', () => {
  it('A adds, B sees it within a second; B ticks, A sees it; A removes, B sees it go; another household sees none of it', async () => {
    await using server = await startServer({ staticDir: inject('spaDir') });
    await using phoneA = await openPhone(browser());
    await using phoneB = await openPhone(browser());
    await using phoneC = await openPhone(browser());
    const [alex, sam, robin] = [new HoneyDoPage(phoneA.page), new HoneyDoPage(phoneB.page), new HoneyDoPage(phoneC.page)];

    // Robin's page records whether any of Alex's items ever shows up in it.
    await phoneC.context.addInitScript(() => {
      const seen = new Set<string>();
      (window as unknown as { seenWords: Set<string> }).seenWords = seen;
      new MutationObserver(() => {
        for (const word of ['milk', 'bread']) if (document.documentElement.textContent?.includes(word)) seen.add(word);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });

    const robinsFlat = (async () => {
      await robin.signIn(server.url, 'Robin');
      await robin.createHousehold('Flat');
      await robin.addItem('rent');
      await robin.savedItem('rent').waitFor();
    })();
    await alexAndSamShareHome(server.url, alex, sam);
    await robinsFlat;

    // Both members show as online in each other's household strip.
    await phoneA.page.getByRole('listitem', { name: 'Sam, online' }).waitFor();

    await alex.addItem('milk');
    const added = Date.now();
    await sam.item('milk').waitFor({ timeout: 1000 });
    expect(Date.now() - added).toBeLessThan(1000);
    await sam.notice('Alex added milk');
    expect(await phoneB.page.locator('li.item').filter({ has: sam.item('milk') }).textContent()).toContain('added by Alex');

    await sam.item('milk').click();
    await until(() => alex.item('milk').isChecked(), 'milk to be ticked on Alex’s phone', 1000);
    await phoneA.page.getByRole('list', { name: 'In the basket' }).getByRole('checkbox', { name: 'milk' }).waitFor();

    await alex.removeItem('milk');
    await sam.item('milk').waitFor({ state: 'detached', timeout: 1000 });

    // A household of its own: Robin's page never showed any of it, nor do the others show Robin's.
    await alex.addItem('bread');
    await sam.item('bread').waitFor({ timeout: 1000 });
    expect(await phoneC.page.evaluate(() => [...(window as unknown as { seenWords: Set<string> }).seenWords])).toEqual([]);
    expect(await robin.item('rent').count()).toBe(1);
    expect(await alex.item('rent').count()).toBe(0);
    expect(await sam.item('rent').count()).toBe(0);

    expect([...phoneA.pageErrors, ...phoneB.pageErrors, ...phoneC.pageErrors]).toEqual([]);
  });

  it('own changes show at once and once: no duplicate row when the echo arrives, order kept, checked items sink', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, phoneB, alex, sam } = home;

    // Quantity and note are optional details of an add.
    await phoneA.page.getByRole('button', { name: 'Details' }).click();
    await phoneA.page.getByLabel('Quantity').fill('2');
    await phoneA.page.getByLabel('Note').fill('oat, the barista one');
    await alex.addItem('Oat milk');
    for (const name of ['Sourdough bread', 'Eggs', 'Bananas', 'Coffee beans']) await alex.addItem(name);
    await sam.savedItem('Coffee beans').waitFor();
    await sam.addItem('Dish soap');
    await alex.savedItem('Dish soap').waitFor();
    await sam.item('Eggs').click();
    await sam.item('Bananas').click();
    await until(async () => (await alex.item('Bananas').isChecked()) && (await alex.item('Eggs').isChecked()), 'two ticks on Alex’s phone');

    const names = (page: typeof phoneA.page) => page.locator('li.item .item__name').allTextContents();
    // Common items file themselves, so the list is grouped in the shop's order: bakery, dairy, pantry, personal care.
    const expected = ['Sourdough bread', 'Oat milk', 'Coffee beans', 'Dish soap', 'Eggs', 'Bananas'];
    await until(async () => JSON.stringify(await names(phoneA.page)) === JSON.stringify(expected), 'unticked items above ticked ones');
    expect(await names(phoneB.page)).toEqual(expected);
    const oatMilk = await phoneB.page.locator('li.item').filter({ has: sam.item('Oat milk') }).textContent();
    expect(oatMilk).toContain('×2');
    expect(oatMilk).toContain('oat, the barista one');
    expect(await phoneA.page.locator('li.item').filter({ has: alex.item('Dish soap') }).textContent()).toContain('added by Sam');

    await phoneA.page.getByRole('listitem', { name: 'Sam, online' }).waitFor();
    await phoneA.page.getByRole('button', { name: 'Details' }).click();
    await alex.dismissNotices();
    // The README's copy is refreshed on request only, so a test run leaves the working tree clean.
    await screenshot(phoneA.page, 'list', process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? ['docs/screenshots/list.png'] : []);

    await phoneA.page.getByRole('button', { name: 'Clear checked' }).click();
    await sam.item('Eggs').waitFor({ state: 'detached', timeout: 1000 });
    await sam.item('Bananas').waitFor({ state: 'detached', timeout: 1000 });

    // Edit in place.
    await phoneB.page.getByRole('button', { name: 'Edit Coffee beans' }).click();
    await phoneB.page.getByRole('form', { name: 'Edit Coffee beans' }).getByLabel('Item').fill('Coffee beans, decaf');
    await phoneB.page.getByRole('button', { name: 'Save' }).click();
    await alex.item('Coffee beans, decaf').waitFor({ timeout: 1000 });
    expect(await alex.item('Coffee beans').count()).toBe(0);
    expect(await names(phoneA.page)).toHaveLength(4);

    expect(home.pageErrors()).toEqual([]);
  });

  it('a change the server refuses is rolled back, and listed as not saved with the reason', async () => {
    await using scene = await alexAtHome(browser());
    const { phone, alex } = scene;
    await alex.addItem('milk');
    await alex.savedItem('milk').waitFor();

    // The server turns down the next add and the next tick, as it would a stale or forbidden change.
    const refuse = (message: string) => ({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify([{ error: { message, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } } }]),
    });
    await phone.page.route('**/trpc/shopping.items.add?*', (route) => route.fulfill(refuse('This list is full.')), { times: 1 });
    await phone.page.route('**/trpc/shopping.items.update?*', (route) => route.fulfill(refuse('That item is locked.')), { times: 1 });

    await alex.addItem('caviar');
    await alex.unsavedChanges.filter({ hasText: 'Add “caviar”: This list is full.' }).waitFor();
    await alex.item('caviar').waitFor({ state: 'detached' });

    await alex.item('milk').click();
    await alex.unsavedChanges.filter({ hasText: 'Tick “milk”: That item is locked.' }).waitFor();
    await until(async () => !(await alex.item('milk').isChecked()), 'the tick to be rolled back');

    // The next change goes through as usual.
    await alex.item('milk').click();
    await until(() => alex.item('milk').isChecked(), 'milk ticked');
    await phone.page.reload();
    await until(() => alex.item('milk').isChecked(), 'milk still ticked after a reload');
    expect(await alex.item('caviar').count()).toBe(0);
    expect(phone.pageErrors).toEqual([]);
  });

  it('a household has several lists: create, rename, switch, remove, all live for the other member', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, phoneB, alex, sam } = home;
    await alex.addItem('milk');
    await sam.item('milk').waitFor();

    const lists = (page: typeof phoneA.page) => page.getByRole('navigation', { name: 'Lists' });
    await lists(phoneA.page).getByRole('button', { name: 'New list' }).click();
    await phoneA.page.getByLabel('New list name').fill('Party');
    await phoneA.page.getByLabel('New list name').press('Enter');
    await lists(phoneA.page).locator('[aria-current="true"]', { hasText: 'Party' }).waitFor();
    await alex.addItem('balloons');
    await alex.savedItem('balloons').waitFor();
    expect(await alex.item('milk').count()).toBe(0);

    await sam.notice('Alex started a list: Party');
    await lists(phoneB.page).getByRole('button', { name: 'Party' }).click();
    await sam.item('balloons').waitFor();

    await phoneA.page.getByRole('button', { name: 'Options for list Party' }).click();
    await phoneA.page.getByLabel('List name').fill('Birthday party');
    await phoneA.page.getByRole('button', { name: 'Rename' }).click();
    await lists(phoneB.page).getByRole('button', { name: 'Birthday party' }).waitFor();

    await phoneB.page.getByRole('button', { name: 'Options for list Birthday party' }).click();
    await phoneB.page.getByRole('button', { name: 'Remove this list…' }).click();
    await phoneB.page.getByRole('button', { name: 'Remove list' }).click();
    await alex.item('milk').waitFor();
    await lists(phoneA.page).getByRole('button', { name: 'Birthday party' }).waitFor({ state: 'detached' });

    expect(home.pageErrors()).toEqual([]);
  });
});
