import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/chromium-per-file';
import { crowdHousehold, LONGEST_HOUSEHOLD_NAME, LONGEST_ITEM_NAME, OTHER_MEMBERS } from './support/crowded-household';
import { clipping, sidewaysOverflow } from './support/layout';
import { PHONE_VIEWPORT, screenshot, until } from './support/phone';
import { alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** The narrowest phone still sold, the everyday one, and a large one. */
const WIDTHS = [320, 390, 430];

describe('the list on a narrow phone', () => {
  it('a long household name, five members and four lists fit 320, 390 and 430 px without sideways scrolling or cut-off controls', async () => {
    await using scene = await alexAtHome(browser());
    const { server, phone, alex } = scene;
    const { page } = phone;
    await crowdHousehold(server.url, alex);
    await alex.savedItem(LONGEST_ITEM_NAME).waitFor();
    const name = page.locator('.household-switcher__name');
    await name.filter({ hasText: LONGEST_HOUSEHOLD_NAME }).waitFor();
    // The last to join: on a phone, one of those counted in the "+N".
    await page.locator('li[aria-label^="Lee"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Party' }).waitFor();
    await alex.dismissNotices();

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: PHONE_VIEWPORT.height });
      await until(() => page.evaluate((expected) => screen.width === expected, width), `the screen to be ${width} px wide`);
      await screenshot(page, `narrow-${width}`, process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? [`docs/screenshots/narrow-${width}.png`] : []);

      expect(await sidewaysOverflow(page), `sideways scroll at ${width} px`).toBeLessThanOrEqual(0);
      const controls = {
        'New list': page.getByRole('button', { name: 'New list' }),
        'list options': page.getByRole('button', { name: /^Options for list/ }),
        Activity: page.getByRole('button', { name: 'Activity' }),
        Invite: page.getByRole('button', { name: /^Invite/ }),
        'connection badge': alex.connection,
        account: page.getByRole('button', { name: 'Account: Alex' }),
        'add field': alex.addItemField,
        [`Remove ${LONGEST_ITEM_NAME}`]: page.getByRole('button', { name: `Remove ${LONGEST_ITEM_NAME}` }),
      };
      for (const [what, control] of Object.entries(controls)) expect(await clipping(control), `${what} at ${width} px`).toBeNull();

      // The name gives way with an ellipsis, before the connection badge.
      expect(await name.evaluate((node) => getComputedStyle(node).textOverflow)).toBe('ellipsis');
      const nameBox = await name.boundingBox();
      const badgeBox = await alex.connection.boundingBox();
      expect(nameBox!.x + nameBox!.width, `the household name runs into the badge at ${width} px`).toBeLessThanOrEqual(badgeBox!.x);

      // Avatars that do not fit are counted in a "+N", never cut off.
      const shown = page.locator('.members__member:visible');
      for (const avatar of await shown.all()) expect(await clipping(avatar), `an avatar at ${width} px`).toBeNull();
      const more = page.locator('.members__more');
      expect(await clipping(more), `the "+N" at ${width} px`).toBeNull();
      const hidden = OTHER_MEMBERS.length + 1 - (await shown.count());
      expect(hidden).toBeGreaterThan(0);
      expect(await more.textContent()).toBe(`+${hidden}`);
    }
    expect(phone.pageErrors).toEqual([]);
  });
});
