import { endTab, MAX_TABS_PER_PERSON, openNewTab, reloadTab, setOffline, type HouseholdScene, type Tab } from './household-scene';
import { pick, type Random } from './ui-changes';

/**
 * One random fault, said in words for the log: a person's network goes or
 * comes back, a tab is reloaded, closed, crashed or opened, the server is
 * SIGKILLed or started again on the same data folder and port.
 */
export async function injectFault(scene: HouseholdScene, random: Random): Promise<string> {
  if (!scene.serverUp && random() < 0.5) {
    await scene.server.restart();
    scene.serverUp = true;
    return 'server restarted';
  }
  if (scene.serverUp && random() < 0.1) {
    await scene.server.kill();
    scene.serverUp = false;
    return 'server SIGKILLed';
  }
  const person = pick(random, scene.people)!;
  const tab = pick(random, person.tabs)!;
  const who = `${person.name}/tab${tab.actor.tab}`;
  const kinds = ['network', 'network', 'reload', 'crash'];
  if (person.tabs.length > 1) kinds.push('close');
  if (person.tabs.length < MAX_TABS_PER_PERSON) kinds.push('open', 'open');
  switch (pick(random, kinds)) {
    case 'network':
      await setOffline(person, !person.offline);
      return `${person.name} goes ${person.offline ? 'offline' : 'online'}`;
    case 'reload':
      await reloadTab(tab);
      return `${who} reloaded`;
    case 'crash':
      return `${who} crashed${replaced(await endTab(scene, person, tab, 'crash'))}`;
    case 'close':
      return `${who} closed${replaced(await endTab(scene, person, tab, 'close'))}`;
    default:
      return `${person.name}/tab${(await openNewTab(scene, person)).actor.tab} opened`;
  }
}

const replaced = (tab: Tab | null) => (tab ? `, tab${tab.actor.tab} opened in its place` : '');

/** Everyone back online and the server up: the end of the weather, before the checks. */
export async function calmDown(scene: HouseholdScene): Promise<string[]> {
  const done: string[] = [];
  if (!scene.serverUp) {
    await scene.server.restart();
    scene.serverUp = true;
    done.push('server restarted');
  }
  for (const person of scene.people.filter((someone) => someone.offline)) {
    await setOffline(person, false);
    done.push(`${person.name} goes online`);
  }
  return done;
}
