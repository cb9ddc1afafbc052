import { eq } from 'drizzle-orm';
import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { households, shoppingLists } from '../../server/db/schema';
import type { PushNotice } from '../../shared/push';
import { chromiumPerFile } from './support/chromium-per-file';
import { until } from './support/phone';
import { alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** What the page's service worker shows now. */
interface Shown {
  title: string;
  body: string;
  tag: string;
  data: unknown;
}

/** The service worker registration of the page's origin, as DevTools knows it, once its worker runs. */
async function registrationIdOf(cdp: CDPSession, origin: string): Promise<string> {
  let registrationId: string | undefined;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    const running = versions.find((version) => version.runningStatus === 'running' && version.scriptURL.startsWith(origin));
    registrationId ??= running?.registrationId;
  });
  await cdp.send('ServiceWorker.enable');
  await until(() => registrationId !== undefined, 'the service worker to run');
  return registrationId ?? '';
}

describe('pushed notices on the phone', () => {
  it('a push shows the notice; a second digest of the household replaces it, keeping what it said; a click opens the list it is about', async () => {
    await using home = await alexAtHome(browser());
    const { phone, alex, server } = home;
    const origin = new URL(server.url).origin;
    // A second list, so that opening "the list the notice is about" is not simply the one on screen.
    await phone.page.getByRole('button', { name: 'New list' }).click();
    await phone.page.getByPlaceholder('List name, e.g. Party, Hardware').fill('Hardware');
    await phone.page.getByPlaceholder('List name, e.g. Party, Hardware').press('Enter');
    await phone.page.getByRole('button', { name: 'Hardware', exact: true }).waitFor();
    await phone.page.getByRole('button', { name: 'Shopping', exact: true }).click();
    await expect.poll(() => phone.page.getByRole('button', { name: 'Shopping', exact: true }).getAttribute('aria-current')).toBe('true');
    await alex.readyForOffline();

    const { db } = server.app.deps;
    const [household] = db.select().from(households).all();
    const hardware = db.select().from(shoppingLists).where(eq(shoppingLists.name, 'Hardware')).get();
    if (!household || !hardware) throw new Error('Home and its Hardware list should be stored');
    const digest = (body: string): PushNotice => ({
      v: 1,
      kind: 'digest',
      householdId: household.id,
      listId: hardware.id,
      title: 'Home',
      body,
      tag: `digest:${household.id}`,
      at: new Date().toISOString(),
      counts: { 'shopping:item:added': 3 },
    });

    await phone.context.grantPermissions(['notifications'], { origin });
    const cdp = await phone.context.newCDPSession(phone.page);
    const registrationId = await registrationIdOf(cdp, origin);
    const shown = () =>
      phone.page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map(({ title, body, tag, data }: Notification): Shown => ({ title, body, tag, data: data as unknown }));
      });

    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(digest('Sam added nails, screws and 1 more')) });
    await expect.poll(shown).toEqual([
      { title: 'Home', body: 'Sam added nails, screws and 1 more', tag: `digest:${household.id}`, data: { path: `/?household=${household.id}&list=${hardware.id}` } },
    ]);
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(digest('Jo ticked glue')) });
    await expect.poll(async () => (await shown()).map((notice) => notice.body)).toEqual(['Jo ticked glue\nSam added nails, screws and 1 more']);

    // Headless Chromium draws no notification to click: the worker's own
    // `notificationclick` handler runs on the shown notification instead.
    const [worker] = phone.context.serviceWorkers();
    if (!worker) throw new Error('the page should have its service worker');
    await worker.evaluate(async () => {
      const scope = self as unknown as ServiceWorkerGlobalScope;
      const [notification] = await scope.registration.getNotifications();
      if (!notification) throw new Error('no notification to click');
      scope.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
    });

    await expect.poll(() => phone.page.getByRole('button', { name: 'Hardware', exact: true }).getAttribute('aria-current'), { timeout: 10_000 }).toBe('true');
    expect(new URL(phone.page.url()).search).toBe('');
    expect(await shown()).toEqual([]);
    await cdp.detach();
  });
});
