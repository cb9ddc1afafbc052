import type { WebSocket } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { openConnections } from '../support/raw-socket';
import { startServer } from '../support/test-server';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { openPhone, screenshot, until } from './support/phone';

const browser = chromiumPerFile();

describe('getting into a household', () => {
  it('a newcomer creates a household; an invite link opened in a fresh browser joins it', async () => {
    await using server = await startServer({ staticDir: inject('spaDir') });
    await using phoneA = await openPhone(browser());
    const alex = new HoneyDoPage(phoneA.page);

    await alex.signIn(server.url, 'Alex');
    await phoneA.page.getByRole('heading', { name: 'Welcome, Alex!' }).waitFor();
    await phoneA.page.getByLabel('Household name').fill('Home');
    await screenshot(phoneA.page, 'onboarding');
    await phoneA.page.getByRole('button', { name: 'Create household' }).click();
    await phoneA.page.getByText('Nothing on this list yet').waitFor();
    await alex.addItem('milk');

    const code = await alex.inviteCode();
    await phoneA.page.getByRole('button', { name: /Invite/ }).click();
    const link = await phoneA.page.getByLabel('Invite link').inputValue();
    expect(link).toBe(`${server.url}/join/${code}`);

    // A different person, a browser that has never seen HoneyDo.
    await using phoneB = await openPhone(browser());
    const sam = new HoneyDoPage(phoneB.page);
    await phoneB.page.goto(link);
    await phoneB.page.getByText('You have been invited to a household. Sign in to join it.').waitFor();
    await phoneB.page.getByLabel('Your name').fill('Sam');
    await phoneB.page.getByRole('button', { name: 'Continue' }).click();
    // The invite says whose household it is before joining.
    await phoneB.page.getByRole('heading', { name: 'Alex invited you to Home' }).waitFor();
    await phoneB.page.getByText(code).waitFor();
    await phoneB.page.getByRole('button', { name: 'Join household' }).click();
    await sam.item('milk').waitFor();
    expect(new URL(phoneB.page.url()).pathname).toBe('/');
    expect(await phoneB.page.getByRole('combobox', { name: 'Household' }).inputValue()).toBeTruthy();
    await phoneA.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await alex.notice('Sam joined the household');
    await phoneA.page.getByRole('listitem', { name: 'Sam, online' }).waitFor();

    expect([...phoneA.pageErrors, ...phoneB.pageErrors]).toEqual([]);
  });

  it('someone in two households joins the second by code, switches between them, and signing out closes their connection', async () => {
    await using server = await startServer({ staticDir: inject('spaDir') });
    await using phoneA = await openPhone(browser());
    await using phoneB = await openPhone(browser());
    const [alex, robin] = [new HoneyDoPage(phoneA.page), new HoneyDoPage(phoneB.page)];
    await alex.signIn(server.url, 'Alex');
    await alex.createHousehold('Home');
    await alex.addItem('milk');
    const code = await alex.inviteCode();

    await robin.signIn(server.url, 'Robin');
    await robin.createHousehold('Studio');
    await robin.addItem('paint');
    await robin.savedItem('paint').waitFor();

    const households = phoneB.page.getByRole('combobox', { name: 'Household' });
    await households.selectOption({ label: '＋ Add a household…' });
    await phoneB.page.getByRole('heading', { name: 'Add a household' }).waitFor();
    // A pasted link works as well as the bare code; a wrong code says what to do.
    await phoneB.page.getByLabel('Invite code or link').fill('NOPE1234');
    await phoneB.page.getByRole('button', { name: 'Join household' }).click();
    await phoneB.page.getByRole('alert').filter({ hasText: 'No household has that invite code' }).waitFor();
    await phoneB.page.getByLabel('Invite code or link').fill(`${server.url}/join/${code.toLowerCase()}`);
    await phoneB.page.getByRole('button', { name: 'Join household' }).click();
    await robin.item('milk').waitFor();
    expect(await robin.item('paint').count()).toBe(0);

    await households.selectOption({ label: 'Studio' });
    await robin.item('paint').waitFor();
    expect(await robin.item('milk').count()).toBe(0);

    // The choice survives a reload. Playwright reports no 'close' for the sockets
    // a navigation tears down, so the page's WebSockets are watched from here on.
    const robinSockets: WebSocket[] = [];
    phoneB.page.on('websocket', (socket) => robinSockets.push(socket));
    await phoneB.page.reload();
    await robin.item('paint').waitFor();
    await households.selectOption({ label: 'Home' });
    await robin.item('milk').waitFor();

    // Signing out leaves nothing of the household on screen, and closes the signed-in WebSocket (the page holds one).
    const open = robinSockets.filter((socket) => !socket.isClosed());
    expect(open.map((socket) => new URL(socket.url()).pathname)).toEqual(['/trpc']);
    const connectedBefore = await openConnections(server.url);
    const closes = open.map((socket) => socket.waitForEvent('close', { timeout: 5000 }));
    await phoneB.page.getByRole('button', { name: 'Account: Robin' }).click();
    await phoneB.page.getByRole('button', { name: 'Sign out' }).click();
    await Promise.all(closes);
    await phoneB.page.getByLabel('Your name').waitFor();
    expect(robinSockets.filter((socket) => !socket.isClosed())).toEqual([]);
    // The server let go of it too.
    await until(async () => (await openConnections(server.url)) === connectedBefore - 1, 'the server to drop the signed-out socket');
    expect(await robin.item('milk').count()).toBe(0);
    expect(await phoneB.page.evaluate(() => localStorage.getItem('honeydo.session'))).toBeNull();

    expect([...phoneA.pageErrors, ...phoneB.pageErrors]).toEqual([]);
  });
});
