import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pushSettings } from '../../server/db/schema';
import { chromiumPerFile } from './support/chromium-per-file';
import { alexAtHome } from './support/shared-household';

const browser = chromiumPerFile();

describe('notification settings', () => {
  it('the browser is asked only when the member turns notifications on; refused, the app says how to allow them and stays off', async () => {
    await using home = await alexAtHome(browser());
    const { phone, server } = home;
    // Counts the app's requests for permission; the browser's own answers them (headless Chromium, with no
    // grant given, turns them down as a person who dismisses the prompt does).
    await phone.context.addInitScript(() => {
      const asked = { count: 0 };
      (window as unknown as { permissionAsked: typeof asked }).permissionAsked = asked;
      const request = Notification.requestPermission.bind(Notification);
      Notification.requestPermission = () => {
        asked.count++;
        return request();
      };
    });
    await phone.page.reload();
    const asked = () => phone.page.evaluate(() => (window as unknown as { permissionAsked: { count: number } }).permissionAsked.count);

    await phone.page.getByRole('button', { name: /Invite/ }).click();
    const dialog = phone.page.getByRole('dialog');
    await dialog.getByText('Turning this on asks your browser to let HoneyDo show notifications.').waitFor();
    const notifyMe = dialog.getByLabel('Notify me');
    await expect.poll(() => notifyMe.inputValue()).toBe('off');
    await dialog.getByLabel('Show item names and messages in notifications').waitFor();
    expect(await asked()).toBe(0);
    expect(await phone.page.evaluate(() => Notification.permission)).toBe('default');

    await notifyMe.selectOption('digest');
    await dialog.getByRole('alert').filter({ hasText: 'Notifications are blocked for HoneyDo in this browser: allow them in the site settings, then try again.' }).waitFor();
    expect(await asked()).toBe(1);
    expect(await notifyMe.inputValue()).toBe('off');
    expect(server.app.deps.db.select().from(pushSettings).where(and(eq(pushSettings.mode, 'digest'))).all()).toEqual([]);
  });
});
