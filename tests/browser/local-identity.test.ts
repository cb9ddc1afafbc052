import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { localDeviceKeys } from '../../server/db/schema';
import { connectClient } from '../support/clients';
import { chromiumPerFile } from './support/chromium-per-file';
import { until } from './support/phone';
import { alexAndSamAtHome } from './support/shared-household';

const browser = chromiumPerFile();

describe('signing out and coming back in local mode', () => {
  it('“Continue as Sam” after signing out is the same Sam: same household, same items, one Sam for the others', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, phoneB, alex, sam } = home;
    const samBefore = await sam.sessionToken().then(async (token) => {
      await using api = connectClient(server.url, token);
      return (await api.api.me.get.query()).user;
    });
    await sam.addItem('milk');
    await alex.savedItem('milk').waitFor();

    await sam.pressSignOut('Sam');
    await phoneB.page.getByRole('button', { name: 'Continue as Sam' }).click();
    await phoneB.page.getByRole('button', { name: 'Account: Sam' }).waitFor();
    await sam.savedItem('milk').waitFor();

    await using samAgain = connectClient(server.url, await sam.sessionToken());
    const me = await samAgain.api.me.get.query();
    expect(me.user).toEqual(samBefore);
    // The milk is still his own: his phone names nobody on it, Alex's names him.
    expect(await sam.savedItem('milk').getByText(/added by/).count()).toBe(0);
    await alex.savedItem('milk').getByText('added by Sam').waitFor();
    const [list] = await samAgain.api.shopping.lists.getByHousehold.query({ householdId: me.households[0]!.id });
    const [milk] = await samAgain.api.shopping.items.getByList.query({ listId: list!.id });
    expect(milk).toMatchObject({ name: 'milk', addedBy: samBefore.id });
    const household = await samAgain.api.household.get.query({ householdId: me.households[0]!.id });
    expect(household.members.map((member) => member.displayName).sort()).toEqual(['Alex', 'Sam']);
    await phoneA.page.getByRole('listitem', { name: 'Sam, online' }).waitFor();
    expect(home.pageErrors()).toEqual([]);
  });

  it('signing out with changes still waiting asks first, and staying keeps them', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneB, sam, alex } = home;
    await phoneB.context.setOffline(true);
    await sam.addItem('eggs');
    await sam.syncStatus.filter({ hasText: '1 change waiting' }).waitFor();

    await sam.pressSignOut('Sam');
    const warning = phoneB.page.getByRole('alert').filter({ hasText: '1 change has not reached HoneyDo yet.' });
    await warning.waitFor();
    await phoneB.page.getByRole('button', { name: 'Stay signed in' }).click();
    await warning.waitFor({ state: 'detached' });
    await phoneB.context.setOffline(false);
    await alex.savedItem('eggs').waitFor({ timeout: 20_000 });

    // Nothing waits any more: signing out asks nothing.
    await until(async () => (await sam.syncStatus.textContent()) === 'All changes saved', 'Sam’s change to be saved', 20_000);
    await sam.pressSignOut('Sam');
    await phoneB.page.getByRole('button', { name: 'Continue as Sam' }).waitFor();
    expect(home.pageErrors()).toEqual([]);
  });

  it('a Sam left twice by an earlier version is asked about once, and “Yes, that was me” leaves one Sam who added the milk', async () => {
    await using home = await alexAndSamAtHome(browser());
    const { server, phoneA, phoneB, alex, sam } = home;
    await sam.addItem('milk');
    await alex.savedItem('milk').waitFor();
    const earlierSam = await sam.sessionToken().then(async (token) => {
      await using api = connectClient(server.url, token);
      return (await api.api.me.get.query()).user;
    });

    // What signing out did before device keys: nothing on the phone or the server leads back to that Sam.
    await sam.pressSignOut('Sam');
    server.app.deps.db.delete(localDeviceKeys).where(eq(localDeviceKeys.userId, earlierSam.id)).run();
    await phoneB.page.evaluate(() => localStorage.clear());
    await sam.joinByInvite(server.url, 'Sam', await alex.inviteCode());
    await phoneA.page.getByRole('listitem', { name: 'Sam, away' }).waitFor();

    const offer = phoneB.page.getByRole('region', { name: 'Is the other Sam you?' });
    await offer.getByRole('button', { name: 'Yes, that was me' }).click();
    await sam.notice('Merged: you are the only Sam in Home now.');
    await offer.waitFor({ state: 'detached' });
    await phoneA.page.getByRole('listitem', { name: 'Sam, away' }).waitFor({ state: 'detached' });
    expect(await phoneA.page.getByRole('listitem', { name: /^Sam,/ }).count()).toBe(1);
    expect(await phoneB.page.getByRole('listitem', { name: /^Sam/ }).count()).toBe(1);
    // The milk the earlier Sam added is this Sam's own now, on Alex's phone too.
    await alex.savedItem('milk').getByText('added by Sam').waitFor({ timeout: 5_000 });
    await sam.savedItem('milk').waitFor();
    expect(await sam.savedItem('milk').getByText(/added by/).count()).toBe(0);
    await phoneB.page.reload();
    await sam.savedItem('milk').waitFor();
    expect(await offer.count()).toBe(0);
    expect(home.pageErrors()).toEqual([]);
  });
});
