import { describe, expect, inject, it } from 'vitest';
import { connectClient } from '../support/clients';
import { startServer } from '../support/test-server';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { openPhone, screenshot, until } from './support/phone';
import { alexAndSamShareHome } from './support/shared-household';

const browser = chromiumPerFile();

describe('when the server goes away and comes back', () => {
  it('both phones show offline, keep what was saved, queue what is new, and catch up live after the restart', async () => {
    await using server = await startServer({ staticDir: inject('spaDir') });
    await using phoneA = await openPhone(browser());
    await using phoneB = await openPhone(browser());
    const [alex, sam] = [new HoneyDoPage(phoneA.page), new HoneyDoPage(phoneB.page)];
    await alexAndSamShareHome(server.url, alex, sam);
    for (const name of ['milk', 'coffee']) await alex.addItem(name);
    await sam.savedItem('coffee').waitFor();
    await sam.item('coffee').click();
    await until(() => alex.item('coffee').isChecked(), 'coffee ticked on Alex’s phone');
    for (const page of [alex, sam]) expect(await page.connectionLabel()).toMatch(/^Connection: connected/);
    const samToken = await sam.sessionToken();

    await server.close();

    const offline = (page: HoneyDoPage) => async () => /^Connection: offline/.test(await page.connectionLabel());
    await until(offline(alex), 'Alex’s phone to show offline', 3000);
    await until(offline(sam), 'Sam’s phone to show offline', 3000);
    expect(await alex.connection.textContent()).toMatch(/Offline.*(retry in \d+s|retrying)/);

    // What both already saw as saved is still there, as it was.
    for (const page of [alex, sam]) {
      await page.savedItem('milk').waitFor();
      expect(await page.item('coffee').isChecked()).toBe(true);
    }
    // A change made offline is shown as waiting, not as saved.
    await alex.addItem('eggs');
    await phoneA.page.locator('li.item--pending').filter({ hasText: 'Waiting for a connection to save' }).waitFor();
    await sam.item('milk').click();
    await sam.dismissNotices();
    await screenshot(phoneB.page, 'offline');

    await using restarted = await server.restart();
    expect(restarted.url).toBe(server.url);
    // A change made through the API straight after the restart, while the
    // phones are still waiting to retry: it reaches them by the resumed stream.
    await using samApi = connectClient(restarted.url, samToken);
    const [list] = await samApi.api.shopping.lists.getByHousehold.query({
      householdId: (await samApi.api.me.get.query()).households[0]!.id,
    });
    await samApi.api.shopping.items.add.mutate({ listId: list!.id, name: 'bread' });

    const connected = (page: HoneyDoPage) => async () => /^Connection: connected/.test(await page.connectionLabel());
    await until(connected(alex), 'Alex’s phone to reconnect', 15_000);
    await until(connected(sam), 'Sam’s phone to reconnect', 15_000);
    for (const page of [alex, sam]) {
      await page.savedItem('bread').waitFor({ timeout: 3000 });
      await page.savedItem('eggs').waitFor({ timeout: 3000 });
      await page.savedItem('milk').waitFor();
    }
    await until(() => alex.item('milk').isChecked(), 'Sam’s offline tick to reach Alex');

    // And all of it is on the server: a reload shows the same list.
    await phoneA.page.reload();
    for (const name of ['milk', 'coffee', 'eggs', 'bread']) await alex.savedItem(name).waitFor();
    expect(await alex.item('milk').isChecked()).toBe(true);

    expect([...phoneA.pageErrors, ...phoneB.pageErrors]).toEqual([]);
  });

  it('a session outlives its token: the page renews it over its live connection, which stays open, several token lifetimes long', async () => {
    const ttlSeconds = 4;
    const graceMs = 1000;
    await using server = await startServer({
      staticDir: inject('spaDir'),
      auth: { kind: 'local', tokenTtlSeconds: ttlSeconds },
      ws: { renewLeadMs: 1500, authGraceMs: graceMs },
    });
    await using phoneA = await openPhone(browser());
    await using phoneB = await openPhone(browser());
    const [alex, sam] = [new HoneyDoPage(phoneA.page), new HoneyDoPage(phoneB.page)];
    const sockets: string[] = [];
    phoneA.page.on('websocket', (socket) => sockets.push(socket.url()));
    await alexAndSamShareHome(server.url, alex, sam);
    const firstToken = await alex.sessionToken();
    const firstExpiry = Date.now() + ttlSeconds * 1000;
    const socketsAfterSignIn = sockets.length;
    expect(socketsAfterSignIn).toBeGreaterThan(0);

    // Nobody touches the page: renewing the connection in band is what renews the token.
    await until(async () => (await alex.sessionToken()) !== firstToken, 'Alex’s token to be renewed', ttlSeconds * 1000);
    // Two more token lifetimes, past every deadline the first tokens had.
    await until(() => Date.now() > firstExpiry + 2 * ttlSeconds * 1000 + graceMs, 'two more token lifetimes', 3 * ttlSeconds * 1000 + graceMs + 1000);
    expect(sockets.length).toBe(socketsAfterSignIn);

    await alex.addItem('milk');
    await sam.item('milk').waitFor({ timeout: 2000 });
    await sam.item('milk').click();
    await until(() => alex.item('milk').isChecked(), 'Sam’s tick to reach Alex', 2000);
    for (const page of [alex, sam]) expect(await page.connectionLabel()).toMatch(/^Connection: connected/);
    expect(await phoneA.page.getByLabel('Your name').count()).toBe(0);
    expect([...phoneA.pageErrors, ...phoneB.pageErrors]).toEqual([]);
  });
});
