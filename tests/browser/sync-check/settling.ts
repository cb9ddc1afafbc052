import type { ShoppingItem } from '../../../shared/types';
import { itemsOnServer } from '../support/items-on-server';
import { until } from '../support/phone';
import { allTabs, type HouseholdScene, type Tab } from './household-scene';
import type { SettledTab, Violation } from './invariants';

/** Bound on every tab's waiting changes going out once all is calm: reconnect backoff (5 s at most) plus the sends. */
const NOTHING_WAITING_WITHIN_MS = 30_000;
/** Bound on the last live updates reaching every tab once nothing waits. */
const SAME_AS_SERVER_WITHIN_MS = 15_000;

const who = (tab: Tab) => `${tab.actor.person}/tab${tab.actor.tab}`;

/** What a tab still has on its way: the header's word unless it is "saved" (or only "not saved"), and the rows marked waiting. */
async function stillWaiting(tab: Tab): Promise<string | null> {
  const { page } = tab.honeydo;
  const status = (await page.locator('.sync-status').textContent()) ?? '';
  const rows = await page.locator('li.item--pending .item__name').allTextContents();
  if ((status === 'All changes saved' || / not saved$/.test(status)) && rows.length === 0) return null;
  return `"${status}", rows waiting: [${rows.join(', ')}]`;
}

/**
 * Waits, bounded, until no tab has anything waiting; then reads the server
 * and waits, bounded, until each tab shows what it has. What is still
 * waiting or different at the bound is a violation, not a timeout.
 */
export async function settle(scene: HouseholdScene): Promise<{ server: ShoppingItem[]; tabs: SettledTab[]; violations: Violation[] }> {
  const tabs = allTabs(scene);
  const violations: Violation[] = [];
  const waiting = async () => (await Promise.all(tabs.map(stillWaiting))).some((state) => state !== null);
  await until(async () => !(await waiting()), 'no change waiting', NOTHING_WAITING_WITHIN_MS).catch(() => undefined);
  for (const tab of tabs) {
    const state = await stillWaiting(tab);
    if (state) violations.push({ says: `${who(tab)} still waits after ${NOTHING_WAITING_WITHIN_MS / 1000} s online: ${state}`, items: [] });
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
