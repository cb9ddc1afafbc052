import { describe, expect, it } from 'vitest';
import { chromiumPerFile } from './support/chromium-per-file';
import type { HoneyDoPage } from './support/honeydo-page';
import { until } from './support/phone';
import { alexAtHome, alexAtHomeOnASilentNetwork } from './support/shared-household';

const browser = chromiumPerFile();

const isLive = async (page: HoneyDoPage) => /^Connection: connected/.test(await page.connectionLabel());

describe('the server down while the network is fine', () => {
  it('says HoneyDo cannot be reached, not that the device is offline, and “Retry now” reconnects at once and sends what waited', async () => {
    await using scene = await alexAtHome(browser());
    const { server, phone, alex } = scene;
    await server.close();

    const banner = phone.page.locator('.offline-banner');
    await banner.getByText('Can’t reach HoneyDo.').waitFor();
    expect(await banner.textContent()).not.toContain('offline');
    await alex.addItem('eggs');
    await alex.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();

    // Well into the backoff (4 to 6 s at its longest), then the server is back: the next attempt is still seconds away.
    await until(async () => /Retrying in [4-6] seconds/.test(await alex.connectionLabel()), 'the longest backoff', 20_000);
    await using restarted = await server.restart();
    expect(await alex.connectionLabel()).toMatch(/Retrying in [2-6] seconds/);
    const pressed = Date.now();
    await banner.getByRole('button', { name: 'Retry now' }).click();
    await until(() => isLive(alex), 'the badge to say “Live”', 2500);
    await alex.savedItem('eggs').waitFor({ timeout: 2500 });
    expect(Date.now() - pressed).toBeLessThan(3000);
    expect(restarted.url).toBe(server.url);
    expect(phone.pageErrors).toEqual([]);
  });
});

describe('a new list during an outage', () => {
  it('its Create button says why it waits, and a list made later does not take over the screen', async () => {
    await using scene = await alexAtHomeOnASilentNetwork(browser());
    const { network, phone, alex } = scene;
    const tabs = phone.page.getByRole('navigation', { name: 'Lists' });
    const shown = () => tabs.locator('[aria-current="true"]').textContent();
    const firstList = await shown();

    // Sent just as the network goes: it cannot arrive until the network is back.
    network.silence();
    await tabs.getByRole('button', { name: 'New list' }).click();
    await phone.page.getByLabel('New list name').fill('Party');
    await phone.page.getByRole('button', { name: 'Create', exact: true }).click();
    await until(async () => !(await isLive(alex)), 'the badge to leave “Live”', 10_000);
    await phone.page.getByText('Waiting for a connection to create this list.').waitFor();
    expect(await phone.page.getByRole('button', { name: 'Create', exact: true }).isDisabled()).toBe(true);
    await phone.page.getByRole('button', { name: 'Cancel' }).click();

    // A new one cannot be started meanwhile, and the form says so.
    await tabs.getByRole('button', { name: 'New list' }).click();
    await phone.page.getByLabel('New list name').fill('Hardware');
    await phone.page.getByText('A new list can be created once HoneyDo is reachable again.').waitFor();
    expect(await phone.page.getByRole('button', { name: 'Create', exact: true }).isDisabled()).toBe(true);
    await phone.page.getByRole('button', { name: 'Cancel' }).click();

    network.restore();
    await tabs.getByRole('button', { name: 'Party' }).waitFor({ timeout: 20_000 });
    await until(() => isLive(alex), 'the badge to say “Live”', 15_000);
    expect(await shown()).toBe(firstList);
    expect(phone.pageErrors).toEqual([]);
  });
});
