import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/chromium-per-file';
import { itemsOnServer } from './support/items-on-server';
import { PHONE_VIEWPORT, until } from './support/phone';
import { alexAndSamAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** Whether what lies on top at the centre of `selector`'s element is that element or inside it. */
function onTop(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((target) => {
    const element = document.querySelector(target);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    const found = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return found !== null && element.contains(found);
  }, selector);
}

describe('editing an item while another member changes the list', () => {
  it('quick changes by one member show as one notice, kept off the open edit form', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, alex, sam } = home;
    // A list long enough that the item at its end is edited at the bottom of the screen, where notices appear.
    const mine = ['candles', 'glue', 'stamps', 'envelopes', 'seeds', 'twine', 'matches', 'corks', 'pegs', 'hooks', 'chalk', 'marbles', 'kites'];
    for (const name of mine) await alex.addItem(name);
    await alex.savedItem('kites').waitFor();

    await phoneA.page.getByRole('button', { name: 'Edit kites', exact: true }).click();
    const form = phoneA.page.getByRole('form', { name: 'Edit kites' });
    await form.getByLabel('Note').fill('the red one');
    const save = 'form[aria-label="Edit kites"] button[type="submit"]';
    await phoneA.page.locator(save).evaluate((button) => button.scrollIntoView({ block: 'end' }));
    const { bottom } = await phoneA.page.locator(save).evaluate((button) => button.getBoundingClientRect());
    expect(bottom).toBeGreaterThan(PHONE_VIEWPORT.height - 60);

    // Earlier news (Sam joining) out of the way: what shows next is Sam's burst alone.
    await alex.dismissNotices();
    for (const name of ['rope', 'wax', 'tacks', 'corkscrew']) await sam.addItem(name);
    await alex.notice('Sam added rope, wax and 2 more');
    expect(await phoneA.page.locator('.toast').allTextContents()).toEqual([expect.stringContaining('Sam added rope, wax and 2 more')]);
    expect(await onTop(phoneA.page, save)).toBe(true);

    // The form was never in the way of the list: Alex's edit goes through as usual.
    await form.getByRole('button', { name: 'Save' }).click();
    await sam.page.locator('li.item').filter({ has: sam.item('kites') }).filter({ hasText: 'the red one' }).waitFor();
    expect(home.pageErrors()).toEqual([]);
  });

  it('an editor open on an item someone else removes keeps the draft, says who removed it, and adds it back as edited', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneA, phoneB, server, alex, sam } = home;
    await alex.addItem('milk');
    await sam.savedItem('milk').waitFor();

    await phoneA.page.getByRole('button', { name: 'Edit milk', exact: true }).click();
    const form = phoneA.page.getByRole('form', { name: 'Edit milk' });
    await form.getByLabel('Note').fill('the oat one');
    await sam.removeItem('milk');

    await form.getByRole('status').filter({ hasText: 'Sam removed milk' }).waitFor();
    expect(await form.getByLabel('Note').inputValue()).toBe('the oat one');
    await form.getByRole('button', { name: 'Add it back' }).click();

    const milkWithNote = (page: Page) => page.locator('li.item:not(.item--pending)').filter({ hasText: 'milk' }).filter({ hasText: 'the oat one' });
    await milkWithNote(phoneA.page).waitFor();
    await milkWithNote(phoneB.page).waitFor();
    await until(async () => (await itemsOnServer(server.url, sam)).some((item) => item.name === 'milk' && item.note === 'the oat one'), 'milk with Alex’s note on the server');
    expect(await form.count()).toBe(0);
    expect(home.pageErrors()).toEqual([]);
  });
});
