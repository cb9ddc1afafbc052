import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { startServer } from '../support/test-server';
import { accessibilityViolations } from './support/axe';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { openPhone } from './support/phone';

const browser = chromiumPerFile();

/** The size of a finger's tap that WCAG's target-size guidance and the platforms' guidelines ask for. */
const TAP = 44;

/** Fails with axe's findings, one readable block each, if the screen has any. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect((await accessibilityViolations(page)).join('\n'), `axe on ${screen}`).toBe('');
}

async function heightOf(control: Locator): Promise<number> {
  return (await control.boundingBox())?.height ?? 0;
}

describe('accessibility of the main screens', () => {
  it('sign-in, welcome, the list, the household dialog and the activity pass axe, with a heading on each screen and 44 px tap targets', async () => {
    await using server = await startServer({ staticDir: inject('spaDir') });
    await using phone = await openPhone(browser());
    const { page } = phone;
    const alex = new HoneyDoPage(page);

    await page.goto(server.url);
    await page.getByLabel('Your name').waitFor();
    await expectAccessible(page, 'sign-in');

    await alex.signIn(server.url, 'Alex');
    await page.getByRole('heading', { level: 1, name: 'Welcome, Alex!' }).waitFor();
    await expectAccessible(page, 'the welcome screen');

    await alex.createHousehold('Home');
    for (const name of ['milk', 'bread', 'eggs']) await alex.addItem(name);
    await alex.savedItem('eggs').waitFor();
    await alex.item('eggs').click();
    await page.getByRole('button', { name: 'Clear checked' }).click();
    await page.getByRole('button', { name: 'Add eggs again' }).waitFor();
    await alex.item('bread').click();
    await page.getByRole('button', { name: 'Clear checked' }).waitFor();
    await alex.dismissNotices();
    await expectAccessible(page, 'the list with items');

    const targets = {
      Activity: page.getByRole('button', { name: 'Activity' }),
      Invite: page.getByRole('button', { name: /^Invite/ }),
      'Clear checked': page.getByRole('button', { name: 'Clear checked' }),
      'a "Bought lately" chip': page.getByRole('button', { name: 'Add eggs again' }),
      'a list tab': page.getByRole('navigation', { name: 'Lists' }).getByRole('button', { name: 'Shopping' }),
      'New list': page.getByRole('button', { name: 'New list' }),
    };
    for (const [what, control] of Object.entries(targets)) expect(await heightOf(control), `${what}'s height`).toBeGreaterThanOrEqual(TAP);

    await page.getByRole('button', { name: /^Invite/ }).click();
    await page.getByRole('dialog', { name: 'Home' }).locator('.invite-code').waitFor();
    await expectAccessible(page, 'the household dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Activity' }).click();
    await page.getByRole('list', { name: 'Activity, newest first' }).locator('.activity__line').first().waitFor();
    await expectAccessible(page, 'the activity');

    expect(phone.pageErrors).toEqual([]);
  });
});
