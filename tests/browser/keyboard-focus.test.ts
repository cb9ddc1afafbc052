import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/test-server';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { openPhone, until } from './support/phone';

const browser = chromiumPerFile();

/** Waits until `control` has the keyboard focus; fails naming what has it instead. */
async function focusMovesTo(page: Page, control: Locator, what: string): Promise<void> {
  const focusedNow = () => page.evaluate(() => {
    const active = document.activeElement;
    return active ? [active.tagName.toLowerCase(), active.getAttribute('aria-label') ?? active.id].filter(Boolean).join(' ') : 'nothing';
  });
  try {
    await until(() => control.evaluate((element) => element === document.activeElement), `the focus on ${what}`);
  } catch (error) {
    throw new Error(`${(error as Error).message}; it is on ${await focusedNow()}`, { cause: error });
  }
}

describe('the keyboard focus stays where a person works', () => {
  it('signing in, creating a household, ticking with Space, removing and joining by invite each leave the focus on the next thing to do', async () => {
    await using server = await startServer({ staticDir: inject('spaDir') });
    await using phoneA = await openPhone(browser());
    const { page } = phoneA;
    const alex = new HoneyDoPage(page);

    await page.goto(server.url);
    await page.getByLabel('Your name').fill('Alex');
    await page.keyboard.press('Enter');
    const householdName = page.getByLabel('Household name');
    await focusMovesTo(page, householdName, 'the household name, after signing in');

    await page.keyboard.type('Home');
    await page.keyboard.press('Enter');
    await focusMovesTo(page, alex.addItemField, 'the add field, after creating the household');
    for (const name of ['milk', 'bread', 'eggs']) {
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await alex.savedItem(name).waitFor();
    }

    // Ticked, bread moves to the basket; its tick box keeps the focus there.
    await alex.item('bread').focus();
    await page.keyboard.press('Space');
    await page.locator('.items--checked').getByRole('checkbox', { name: 'bread' }).waitFor();
    await focusMovesTo(page, alex.item('bread'), 'bread’s tick box, in the basket');
    expect(await alex.item('bread').isChecked()).toBe(true);

    // Removing hands the focus to the next row, the one before at the end, then the add field.
    await page.getByRole('button', { name: 'Remove milk', exact: true }).focus();
    await page.keyboard.press('Enter');
    await alex.item('milk').waitFor({ state: 'detached' });
    await focusMovesTo(page, alex.item('eggs'), 'eggs, the row after milk');
    await page.getByRole('button', { name: 'Remove bread', exact: true }).focus();
    await page.keyboard.press('Enter');
    await alex.item('bread').waitFor({ state: 'detached' });
    await focusMovesTo(page, alex.item('eggs'), 'eggs, the row before bread, the last');
    await page.getByRole('button', { name: 'Remove eggs', exact: true }).focus();
    await page.keyboard.press('Enter');
    await alex.item('eggs').waitFor({ state: 'detached' });
    await focusMovesTo(page, alex.addItemField, 'the add field, with the list empty');

    // Sam opens the invite link: Join is focused, and after joining the add field is.
    const code = await alex.inviteCode();
    await using phoneB = await openPhone(browser());
    const sam = new HoneyDoPage(phoneB.page);
    await sam.signIn(server.url, 'Sam', `/join/${code}`);
    const join = phoneB.page.getByRole('button', { name: 'Join household' });
    await focusMovesTo(phoneB.page, join, 'Join household, after signing in from the invite');
    await phoneB.page.keyboard.press('Enter');
    await focusMovesTo(phoneB.page, sam.addItemField, 'the add field, after joining');

    expect([...phoneA.pageErrors, ...phoneB.pageErrors]).toEqual([]);
  });
});
