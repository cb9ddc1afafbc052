import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { freePort, startServerProcess, type ServerProcess } from '../../support/server-process';
import { migratedDataDir } from '../../support/test-server';
import { HoneyDoPage } from '../support/honeydo-page';
import { crashTab, openPhone, openTab, type Phone } from '../support/phone';
import { alexAndSamShareHome } from '../support/shared-household';
import type { Actor } from './op-log';

export const MAX_TABS_PER_PERSON = 3;

export interface Tab {
  actor: Actor;
  honeydo: HoneyDoPage;
}

/** One person: a browser profile (so one network switch and one storage for all their tabs) and the tabs open in it. */
export interface Person {
  name: string;
  phone: Phone;
  tabs: Tab[];
  offline: boolean;
  /** The number the next tab of this person gets. */
  nextTab: number;
}

export interface HouseholdScene extends AsyncDisposable {
  server: ServerProcess;
  serverUp: boolean;
  people: Person[];
}

/**
 * The real server as a child process (so it can be SIGKILLed) serving the
 * built app on one fixed port — the app reconnects only to its own origin —
 * and Alex and Sam sharing "Home", one tab each.
 */
export async function openHouseholdScene(browser: Browser): Promise<HouseholdScene> {
  const dataDir = migratedDataDir();
  const server = await startServerProcess({ port: await freePort(), dataDir, env: { STATIC_DIR: inject('spaDir') } });
  const phones: Phone[] = [];
  const close = async () => {
    for (const phone of phones) await phone[Symbol.asyncDispose]();
    await server[Symbol.asyncDispose]();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 2; i++) phones.push(await openPhone(browser));
    const [alex, sam] = phones.map((phone) => new HoneyDoPage(phone.page)) as [HoneyDoPage, HoneyDoPage];
    await alexAndSamShareHome(server.url, alex, sam);
    const people = ['Alex', 'Sam'].map((name, i): Person => {
      const phone = phones[i]!;
      return { name, phone, tabs: [{ actor: { person: name, tab: 1 }, honeydo: new HoneyDoPage(phone.page) }], offline: false, nextTab: 2 };
    });
    return { server, serverUp: true, people, [Symbol.asyncDispose]: close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A new tab of `person` on the app; it opens offline too (the service worker has the app), done once the list shows. */
export async function openNewTab(scene: HouseholdScene, person: Person): Promise<Tab> {
  const honeydo = new HoneyDoPage(await openTab(person.phone));
  const tab = { actor: { person: person.name, tab: person.nextTab++ }, honeydo };
  person.tabs.push(tab);
  await honeydo.page.goto(scene.server.url);
  await honeydo.addItemField.waitFor({ timeout: 15_000 });
  return tab;
}

export async function reloadTab(tab: Tab): Promise<void> {
  await tab.honeydo.page.reload();
  await tab.honeydo.addItemField.waitFor({ timeout: 15_000 });
}

/**
 * Closes or crashes a tab. A person is never left without one, so their
 * closed tabs' changes have a tab to send them: the last is replaced by a
 * new one, which is returned.
 */
export async function endTab(scene: HouseholdScene, person: Person, tab: Tab, how: 'close' | 'crash'): Promise<Tab | null> {
  person.tabs = person.tabs.filter((open) => open !== tab);
  if (how === 'crash') await crashTab(tab.honeydo.page);
  else await tab.honeydo.page.close();
  return person.tabs.length === 0 ? openNewTab(scene, person) : null;
}

export async function setOffline(person: Person, offline: boolean): Promise<void> {
  await person.phone.context.setOffline(offline);
  person.offline = offline;
}

export function allTabs(scene: HouseholdScene): Tab[] {
  return scene.people.flatMap((person) => person.tabs);
}
