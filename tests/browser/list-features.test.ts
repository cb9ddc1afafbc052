import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/clients';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { screenshot, until } from './support/phone';
import { itemsOnServer } from './support/items-on-server';
import { alexAndSamAtHome, alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** The rows of an item by its exact name (a duplicate would be a second row). */
const rowsOf = (page: Page, name: string): Locator => page.locator('li.item').filter({ has: page.getByRole('checkbox', { name, exact: true }) });

const editorOf = (page: Page, name: string): Promise<Locator> => new HoneyDoPage(page).openEditor(name);

/** The categories the to-buy groups show, top to bottom. */
const groupOrder = (page: Page) => page.locator('.groups ul.items').evaluateAll((lists) => lists.map((list) => list.getAttribute('aria-label')));

describe('a list people prefer: smart adding, categories, per-field edits, activity', () => {
  it("adding milk while milk is on the list unchecked leaves one row; '2 l milk' is stored as quantity 2, unit l", async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, phoneB, alex, sam } = home;

    await alex.addItem('milk');
    await sam.savedItem('milk').waitFor();

    // The preview shows how the line will be stored, and that it joins the row already there.
    await alex.addItemField.fill('2 l milk');
    const preview = phoneA.page.locator('.add-item__preview');
    await preview.filter({ hasText: 'already on the list' }).waitFor();
    expect(await preview.locator('.tag--amount').textContent()).toBe('2 l');
    await screenshot(phoneA.page, 'add-preview');
    await alex.addItemField.press('Enter');
    await alex.notice('Added 2 l to milk');
    await sam.notice('Alex added 2 l more milk');

    for (const page of [phoneA.page, phoneB.page]) {
      await until(async () => (await rowsOf(page, 'milk').count()) === 1 && (await rowsOf(page, 'milk').locator('.item__quantity').textContent()) === '2 l', 'one milk row showing 2 l');
    }
    // Adding it once more without a quantity changes nothing, and says so.
    await alex.addItem('Milk');
    await alex.notice('milk is already on the list');
    await until(async () => (await rowsOf(phoneA.page, 'Milk').count()) === 0 && (await rowsOf(phoneA.page, 'milk').count()) === 1, 'still one milk row');

    const milk = (await itemsOnServer(server.url, alex)).filter((item) => item.name.toLowerCase() === 'milk');
    expect(milk).toHaveLength(1);
    expect(milk[0]).toMatchObject({ quantity: 2, unit: 'l', checked: false });
    expect(home.pageErrors()).toEqual([]);
  });

  it('two members edit different fields of one item at the same moment: both changes are kept', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, phoneB, alex, sam } = home;
    await alex.addItem('milk');
    await sam.savedItem('milk').waitFor();

    // Only the notices of this exchange on screen: at most three show at once.
    await Promise.all([alex.dismissNotices(), sam.dismissNotices()]);
    const alexEdits = await editorOf(phoneA.page, 'milk');
    await alexEdits.getByLabel('Note').fill('oat, the barista one');
    const samEdits = await editorOf(phoneB.page, 'milk');
    await samEdits.getByLabel('Quantity').fill('3');
    await Promise.all([alexEdits.getByRole('button', { name: 'Save' }).click(), samEdits.getByRole('button', { name: 'Save' }).click()]);

    // Each is told who changed what.
    await alex.notice('Sam changed the quantity of milk');
    await sam.notice('Alex changed the note of milk');
    for (const page of [phoneA.page, phoneB.page]) {
      await until(async () => {
        const row = (await rowsOf(page, 'milk').textContent()) ?? '';
        return row.includes('×3') && row.includes('oat, the barista one');
      }, 'milk with both the new quantity and the new note');
    }

    const [milk] = await itemsOnServer(server.url, sam);
    expect(milk).toMatchObject({ name: 'milk', quantity: 3, note: 'oat, the barista one' });
    expect(home.pageErrors()).toEqual([]);
  });

  it('a row says who changed it lately and how ("unticked by Sam"), and names no one for your own changes', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, phoneB, alex, sam } = home;
    await alex.addItem('bread');
    await alex.savedItem('bread').waitFor();
    const bylineOn = (page: Page) => rowsOf(page, 'bread').locator('.item__by');
    // Of your own change a row says at most which other devices have it (docs/decisions/0012-seen-by-devices.md).
    const whoChangedOn = async (page: Page) => (await bylineOn(page).allTextContents()).filter((line) => !line.endsWith(' has it'));
    await until(async () => (await bylineOn(phoneB.page).allTextContents()).join() === 'added by Alex', 'Sam told who added the bread');
    expect(await whoChangedOn(phoneA.page)).toEqual([]);

    // A click, not check(): the tick moves the row to the basket, so the box clicked is not the one that shows it ticked.
    await sam.item('bread').click();
    await until(async () => await sam.item('bread').isChecked(), 'Sam’s bread to be ticked');
    await until(async () => (await bylineOn(phoneA.page).allTextContents()).join() === 'ticked by Sam', 'Alex told Sam ticked it');
    // The tick settled on Sam's phone too (the row moved to the basket and the answer is in) before he takes it back.
    await sam.syncStatus.filter({ hasText: 'All changes saved' }).waitFor();
    await sam.item('bread').click();
    await until(async () => !(await sam.item('bread').isChecked()), 'Sam’s bread to be unticked');
    await until(async () => (await bylineOn(phoneA.page).allTextContents()).join() === 'unticked by Sam', 'Alex told Sam unticked it');
    expect(await whoChangedOn(phoneB.page)).toEqual([]);
    expect(home.pageErrors()).toEqual([]);
  });

  it('a change saved while another member has the item open shows in their form, and their save keeps it', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, phoneB, alex, sam } = home;
    await alex.addItem('2 l milk');
    await sam.savedItem('milk').waitFor();

    const alexEdits = await editorOf(phoneA.page, 'milk');
    await alexEdits.getByLabel('Note').fill('semi-skimmed');
    const samEdits = await editorOf(phoneB.page, 'milk');
    await samEdits.getByLabel('Quantity').fill('4');
    await samEdits.getByRole('button', { name: 'Save' }).click();

    // Alex's form follows the field Alex has not touched; saving sends only the note.
    await until(async () => (await alexEdits.getByLabel('Quantity').inputValue()) === '4', 'Sam’s quantity to show in Alex’s open form');
    await alexEdits.getByRole('button', { name: 'Save' }).click();
    await until(async () => ((await rowsOf(phoneB.page, 'milk').textContent()) ?? '').includes('semi-skimmed'), 'Alex’s note on Sam’s phone');

    const [milk] = await itemsOnServer(server.url, alex);
    expect(milk).toMatchObject({ quantity: 4, unit: 'l', note: 'semi-skimmed' });
    expect(await rowsOf(phoneA.page, 'milk').locator('.item__quantity').textContent()).toBe('4 l');
    expect(home.pageErrors()).toEqual([]);
  });

  it("common items file themselves, categories group the list in the household's order, and a name keeps its category", async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, phoneB, alex } = home;
    for (const name of ['milk', 'bread', 'soap', '6 eggs']) await alex.addItem(name);
    await alex.savedItem('eggs').waitFor();
    // Common items find their usual category by themselves.
    const guessedOrder = ['Bakery', 'Dairy & eggs', 'Personal care'];
    await until(async () => JSON.stringify(await groupOrder(phoneA.page)) === JSON.stringify(guessedOrder), 'common items in their usual categories');

    // Sam files the soap with the cleaning things.
    const form = await editorOf(phoneB.page, 'soap');
    await form.getByLabel('Category').selectOption('Household');
    await form.getByRole('button', { name: 'Save' }).click();
    const defaultOrder = ['Bakery', 'Dairy & eggs', 'Household'];
    await until(async () => JSON.stringify(await groupOrder(phoneA.page)) === JSON.stringify(defaultOrder), 'groups in the default shop order');
    await until(async () => JSON.stringify(await groupOrder(phoneB.page)) === JSON.stringify(defaultOrder), 'the same groups on Sam’s phone');
    await phoneB.page.getByRole('list', { name: 'Dairy & eggs' }).getByRole('checkbox', { name: 'eggs' }).waitFor();
    expect(await phoneB.page.getByRole('list', { name: 'Household' }).getByRole('checkbox').count()).toBe(1);
    await until(async () => (await rowsOf(phoneA.page, 'soap').textContent())?.includes('changed by Sam') ?? false, 'Sam’s change named on Alex’s row');

    // Sam walks the shop dairy first: a tap moves it up one place, and the focus stays on the button for Enter to move it again.
    await phoneB.page.getByRole('button', { name: 'Invite & settings' }).click();
    const dialog = phoneB.page.getByRole('dialog');
    const names = () => dialog.locator('.categories__name').allTextContents();
    await dialog.getByRole('button', { name: 'Move Dairy & eggs up' }).click();
    await until(async () => (await names())[1] === 'Dairy & eggs', 'Dairy & eggs one place up');
    await until(
      () => phoneB.page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Move Dairy & eggs up'),
      'the focus to stay on the moved category’s button',
    );
    await phoneB.page.keyboard.press('Enter');
    await until(async () => (await names())[0] === 'Dairy & eggs', 'Dairy & eggs first, after the second press');
    // At the top it cannot go further up: the focus moved to its other arrow, not out of the list.
    expect(await phoneB.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Dairy & eggs down');
    await dialog.getByRole('heading', { name: 'Categories' }).scrollIntoViewIfNeeded();
    await screenshot(phoneB.page, 'categories-editor');
    // Renaming a category takes its items with it.
    await dialog.getByRole('button', { name: 'Rename Bakery' }).click();
    await dialog.getByLabel('New name for Bakery').fill('Bread & cakes');
    await dialog.getByLabel('New name for Bakery').press('Enter');
    await until(async () => (await names()).includes('Bread & cakes'), 'the new name in the editor');
    await dialog.getByRole('button', { name: 'Close' }).click();
    const samsOrder = ['Dairy & eggs', 'Bread & cakes', 'Household'];
    await until(async () => JSON.stringify(await groupOrder(phoneA.page)) === JSON.stringify(samsOrder), 'Sam’s order on Alex’s phone');
    await alex.notice('Sam changed the categories');

    // Removed and added again, milk goes back where it was.
    await alex.removeItem('milk');
    await alex.item('milk').waitFor({ state: 'detached' });
    await alex.addItem('milk');
    await phoneA.page.getByRole('list', { name: 'Dairy & eggs' }).locator('li.item:not(.item--pending)').filter({ has: alex.item('milk') }).waitFor();

    await alex.dismissNotices();
    await screenshot(phoneA.page, 'list-grouped');
    expect(home.pageErrors()).toEqual([]);
  });

  it('the category editor keeps quick moves made while earlier ones are saving, and Escape or removing the last category never leaves the dialog', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA } = home;
    const page = phoneA.page;
    // A slow connection: each save is answered only after the next move has been made.
    await page.route('**/trpc/*household.setCategories*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Invite & settings' }).click();
    const dialog = page.getByRole('dialog');
    const names = () => dialog.locator('.categories__name').allTextContents();
    for (let step = 0; step < 3; step++) {
      await dialog.getByRole('button', { name: 'Move Fruit & vegetables down' }).click();
      await page.waitForTimeout(250);
    }
    await until(async () => (await names())[3] === 'Fruit & vegetables', 'Fruit & vegetables three places down');
    await page.waitForLoadState('networkidle');
    expect((await names()).slice(0, 4)).toEqual(['Bakery', 'Dairy & eggs', 'Meat & fish', 'Fruit & vegetables']);
    await page.unrouteAll({ behavior: 'wait' });

    // Escape backs out of a rename, and only of the rename.
    await dialog.getByRole('button', { name: 'Rename Bakery' }).click();
    await dialog.getByLabel('New name for Bakery').press('Escape');
    await dialog.getByRole('button', { name: 'Rename Bakery' }).waitFor();
    expect(await dialog.isVisible()).toBe(true);

    // With the last category gone, the focus goes to the field for a new one.
    for (let left = (await names()).length; left > 0; left--) {
      await dialog.getByRole('button', { name: /^Remove / }).first().click();
      await until(async () => (await names()).length === left - 1, `${left - 1} categories left`);
    }
    await until(() => dialog.getByLabel('New category').evaluate((input) => input === document.activeElement), 'the focus on "New category"');
    expect(home.pageErrors()).toEqual([]);
  });

  it('the activity view shows who did what, newest first, with a clear of several items as one line', async () => {
    // Thirty adds through the API in a blink fill more than a page; the rate limit is not under test here.
    await using home = await alexAndSamAtHome(browser(), { limits: { mutationsPerSecond: 1000, mutationBurst: 1000 } });
    const { server, phoneA, alex, sam } = home;

    for (const name of ['milk', 'bread', 'eggs']) await alex.addItem(name);
    await sam.savedItem('eggs').waitFor();
    for (const name of ['milk', 'bread', 'eggs']) await sam.item(name).click();
    await until(() => alex.item('eggs').isChecked(), 'Sam’s ticks on Alex’s phone');
    await phoneA.page.getByRole('button', { name: 'Clear checked' }).click();
    await sam.item('milk').waitFor({ state: 'detached' });
    await sam.addItem('coffee');
    await alex.savedItem('coffee').waitFor();

    await phoneA.page.getByRole('button', { name: 'Activity' }).click();
    const lines = phoneA.page.getByRole('list', { name: 'Activity, newest first' }).locator('.activity__line');
    await lines.first().waitFor();
    const texts = async () => (await lines.allTextContents()).map((line) => line.replace(/ · .*$/, ''));
    expect((await texts()).slice(0, 9)).toEqual([
      'Sam added coffee',
      'You cleared 3 checked items',
      'Sam ticked off eggs',
      'Sam ticked off bread',
      'Sam ticked off milk',
      'You added eggs',
      'You added bread',
      'You added milk',
      'Sam joined the household',
    ]);
    expect(await lines.first().textContent()).toBe('Sam added coffee · just now');

    // It is live: Sam's next change goes on top while Alex watches.
    await sam.addItem('jam');
    await until(async () => (await texts())[0] === 'Sam added jam', 'Sam’s new item on top of the activity');
    await alex.dismissNotices();
    await screenshot(phoneA.page, 'activity');

    // Older entries come a page at a time; the view reads the newest page afresh when it opens.
    await using api = connectClient(server.url, await sam.sessionToken());
    const [list] = await api.api.shopping.lists.getByHousehold.query({ householdId: (await api.api.me.get.query()).households[0]!.id });
    for (let i = 1; i <= 30; i++) await api.api.shopping.items.add.mutate({ listId: list!.id, name: `item ${i}` });
    await until(async () => (await texts())[0] === 'Sam added item 30', 'the API’s adds in the activity');
    await phoneA.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await phoneA.page.getByRole('button', { name: 'Activity' }).click();
    const shown = await lines.count();
    expect(await texts()).not.toContain('You added milk');
    await phoneA.page.getByRole('button', { name: 'Load older' }).click();
    await until(async () => (await texts()).includes('You added milk'), 'the older page, with the first adds');
    expect(await lines.count()).toBeGreaterThan(shown);
    expect(home.pageErrors()).toEqual([]);
  });

  it('the add field takes the whole width of its card, with Details and Add beneath it', async () => {
    await using scene = await alexAtHome(browser());
    const { page } = scene.phone;
    const box = async (locator: Locator) => {
      const found = await locator.boundingBox();
      if (!found) throw new Error('expected the element to be on screen');
      return found;
    };
    const card = await box(page.getByRole('form', { name: 'Add an item' }));
    const field = await box(scene.alex.addItemField);
    const add = await box(page.getByRole('button', { name: 'Add', exact: true }));

    // The card's padding and border, no more, beside the field.
    expect(field.width).toBeGreaterThanOrEqual(card.width - 24);
    expect(add.y).toBeGreaterThanOrEqual(field.y + field.height);
    await page.getByRole('button', { name: 'Details' }).click();
    await page.getByLabel('Quantity').waitFor();
    expect(scene.phone.pageErrors).toEqual([]);
  });

  it('autocomplete suggests a name used before, and recently bought chips re-add it with one tap', async () => {
    await using scene = await alexAtHome(browser());
    const { phone, alex } = scene;
    const { page } = phone;
    for (const name of ['milk', 'bread']) await alex.addItem(name);
    await alex.savedItem('bread').waitFor();
    const form = await editorOf(page, 'milk');
    await form.getByLabel('Category').selectOption('Dairy & eggs');
    await form.getByRole('button', { name: 'Save' }).click();

    // Bought and cleared: both come back as one-tap chips.
    for (const name of ['milk', 'bread']) await alex.item(name).click();
    await page.getByRole('button', { name: 'Clear checked' }).click();
    const chips = page.getByRole('region', { name: 'Bought lately' });
    await chips.getByRole('button', { name: 'Add bread again' }).waitFor();
    await chips.getByRole('button', { name: 'Add bread again' }).click();
    await alex.savedItem('bread').waitFor();
    await chips.getByRole('button', { name: 'Add bread again' }).waitFor({ state: 'detached' });

    // Typing offers milk; arrows and Enter pick it, keeping the typed amount; Escape closes the list.
    const field = alex.addItemField;
    await field.fill('mi');
    const listbox = page.getByRole('listbox', { name: 'Used before' });
    await listbox.getByRole('option', { name: /milk/ }).waitFor();
    expect(await listbox.getByRole('option', { name: /milk/ }).textContent()).toContain('Dairy & eggs');
    await field.press('Escape');
    await listbox.waitFor({ state: 'hidden' });
    await field.fill('2 mi');
    await listbox.getByRole('option', { name: /milk/ }).waitFor();
    await field.press('ArrowDown');
    expect(await field.getAttribute('aria-activedescendant')).toBe(await listbox.getByRole('option', { name: /milk/ }).getAttribute('id'));
    await screenshot(page, 'add-suggestions');
    await field.press('Enter');
    expect(await field.inputValue()).toBe('2 milk');
    await listbox.waitFor({ state: 'hidden' });
    expect(await page.locator('.add-item__preview').textContent()).toContain('Dairy & eggs');
    await field.press('Enter');

    // It lands in the category it had, with its quantity.
    const milk = page.getByRole('list', { name: 'Dairy & eggs' }).locator('li.item:not(.item--pending)').filter({ has: alex.item('milk') });
    await milk.waitFor();
    expect(await milk.locator('.item__quantity').textContent()).toBe('×2');
    expect(await field.inputValue()).toBe('');
    expect(phone.pageErrors).toEqual([]);
  });
});
