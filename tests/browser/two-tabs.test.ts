import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/clients';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { openPhone, openTab, until } from './support/phone';
import { alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** Everything the app stored on this phone, as one text to search. */
const storedText = (page: HoneyDoPage) => page.page.evaluate(() => Object.values(localStorage).join('\n'));

describe('two tabs of one person: households', () => {
  it('a tab opened after a join elsewhere shows the household, not the welcome screen', async () => {
    await using scene = await alexAtHome(browser());
    const { server, alex } = scene;
    const code = await alex.inviteCode();
    await using phone = await openPhone(browser());
    const firstTab = new HoneyDoPage(phone.page);
    await firstTab.signIn(server.url, 'Sam');
    await phone.page.getByRole('heading', { name: 'Welcome, Sam!' }).waitFor();
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
    await using scene = await alexAtHome(browser());
    const { server, alex } = scene;
    const code = await alex.inviteCode();
    await using phone = await openPhone(browser());
    const firstTab = new HoneyDoPage(phone.page);
    await firstTab.signIn(server.url, 'Sam');
    await phone.page.getByRole('heading', { name: 'Welcome, Sam!' }).waitFor();

    const secondTab = new HoneyDoPage(await openTab(phone));
    await secondTab.page.goto(`${server.url}/join/${code}`);
    await secondTab.page.getByRole('button', { name: 'Join household' }).click();
    await secondTab.addItemField.waitFor();

    // Far sooner than the minute the first tab would otherwise trust what it has.
    await firstTab.addItemField.waitFor({ timeout: 5000 });
    expect(phone.pageErrors).toEqual([]);
  });
});
