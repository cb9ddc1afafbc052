import type { ShoppingItem } from '../../../shared/types';
import { deviceRecords } from '../support/device-store';
import { itemsOnServer } from '../support/items-on-server';
import { until } from '../support/phone';
import { allTabs, type HouseholdScene, type Person, type Tab } from './household-scene';
import type { SettledTab, Violation } from './invariants';

/** Bound on every tab's waiting changes going out once all is calm: reconnect backoff (5 s at most), a closed tab's adoption (3 s) plus the sends. */
const NOTHING_WAITING_WITHIN_MS = 30_000;
/** Bound on the last live updates reaching every tab once nothing waits. */
const SAME_AS_SERVER_WITHIN_MS = 15_000;

const who = (tab: Tab) => `${tab.actor.person}/tab${tab.actor.tab}`;

/** What a tab still has on its way: the header's word unless it is "saved" (or only "not saved"), and the rows marked waiting. */
async function stillWaiting(tab: Tab): Promise<{ says: string; rows: string[] } | null> {
  const { page } = tab.honeydo;
  const status = (await page.locator('.sync-status').textContent()) ?? '';
  const rows = await page.locator('li.item--pending .item__name').allTextContents();
  if ((status === 'All changes saved' || / not saved$/.test(status)) && rows.length === 0) return null;
  return { says: `"${status}", rows waiting: [${rows.join(', ')}]`, rows };
}

/**
 * What the person's browser still stores that no tab has sent: every tab's
 * outbox record, also one a closed or crashed tab left for another to adopt,
 * and any record the app set aside as unreadable.
 */
async function storedUnsent(person: Person): Promise<string | null> {
  const tab = person.tabs[0];
  if (!tab) return null;
  const records = await deviceRecords(tab.honeydo.page);
  const changes = records.outboxes.reduce((sum, [, outbox]) => sum + ((outbox as { changes?: unknown[] }).changes?.length ?? 0), 0);
  // Nothing here corrupts a record: one set aside as unreadable is a record the app wrote wrong, and its changes went unsent.
  const setAside = records['kept-aside'].length;
  if (changes + setAside === 0) return null;
  return `${person.name}'s browser still stores ${changes} unsent ${changes === 1 ? 'change' : 'changes'} and ${setAside} records set aside`;
}

/**
 * Waits, bounded, until no tab has anything waiting and no browser stores a
 * change left unsent; then reads the server
 * and waits, bounded, until each tab shows what it has. What is still
 * waiting or different at the bound is a violation, not a timeout.
 */
export async function settle(scene: HouseholdScene): Promise<{ server: ShoppingItem[]; tabs: SettledTab[]; violations: Violation[] }> {
  const tabs = allTabs(scene);
  const violations: Violation[] = [];
  for (const tab of tabs) await tab.honeydo.closeOpenEditors();
  const waiting = async () =>
    [...(await Promise.all(tabs.map(stillWaiting))), ...(await Promise.all(scene.people.map(storedUnsent)))].some((state) => state !== null);
  await until(async () => !(await waiting()), 'no change waiting', NOTHING_WAITING_WITHIN_MS).catch(() => undefined);
  for (const tab of tabs) {
    const state = await stillWaiting(tab);
    if (state) violations.push({ says: `${who(tab)} still waits after ${NOTHING_WAITING_WITHIN_MS / 1000} s online: ${state.says}`, items: state.rows });
  }
  for (const person of scene.people) {
    const unsent = await storedUnsent(person);
    if (unsent) violations.push({ says: `${unsent} after ${NOTHING_WAITING_WITHIN_MS / 1000} s online`, items: [] });
  }
  const server = await itemsOnServer(scene.server.url, tabs[0]!.honeydo);
  const names = (items: { name: string; checked: boolean }[]) => JSON.stringify(items.map((item) => [item.name, item.checked]).sort());
  await until(
    async () => (await Promise.all(tabs.map((tab) => tab.honeydo.shownItems()))).every((shown) => names(shown) === names(server)),
    'every tab to show the server’s items',
    SAME_AS_SERVER_WITHIN_MS,
  ).catch(() => undefined);
  const settled = await Promise.all(
    tabs.map(async (tab) => ({
      who: who(tab),
      shown: await tab.honeydo.shownItems(),
      connection: await tab.honeydo.connectionLabel(),
      refused: await tab.honeydo.unsavedChangeTexts(),
    })),
  );
  return { server, tabs: settled, violations };
}
