import type { ShownItem } from '../support/honeydo-page';
import { until } from '../support/phone';
import type { Change } from './op-log';
import type { Tab } from './household-scene';

/** How long the UI may take to show a change before the checker counts it as not accepted. */
const SHOWN_WITHIN_MS = 4000;

export type Random = () => number;

export const pick = <T>(random: Random, from: readonly T[]): T | undefined => from[Math.floor(random() * from.length)];

/** "aab", "aac", …: fixed width, so no item's name is the start of another's. */
const letters = (n: number) => [2, 1, 0].map((power) => String.fromCharCode(97 + (Math.floor(n / 26 ** power) % 26))).join('');

/**
 * The changes a person makes, through the UI. Every add has a name of its
 * own and every edit a quantity of its own (the add's is 2–9, an edit's
 * 100 and up), so what the server ends up with can be traced to the one
 * change that wrote it: a doubled add would show as a second row or as a
 * sum no change typed.
 */
export class UiChanges {
  private made = 0;

  constructor(private readonly random: Random) {}

  /** One random change in `tab`, chosen among those its screen allows; what the UI showed of it. */
  async makeOne(tab: Tab): Promise<Change> {
    const shown = await tab.honeydo.shownItems();
    const checked = shown.filter((item) => item.checked);
    const kinds: Change['kind'][] = ['add', 'add', 'add'];
    if (shown.length > 0) kinds.push('tick', 'tick', 'edit', 'edit', 'remove');
    if (checked.length > 0) kinds.push('clear');
    if (await this.undoButton(tab).isVisible()) kinds.push('undo');
    this.made++;
    const item = pick(this.random, shown);
    switch (pick(this.random, kinds)) {
      case 'tick':
        return this.tick(tab, item!);
      case 'edit':
        return this.edit(tab, item!);
      case 'remove':
        return this.remove(tab, item!);
      case 'clear':
        return this.clear(tab, checked);
      case 'undo':
        return this.undo(tab);
      default:
        return this.add(tab);
    }
  }

  private async add(tab: Tab): Promise<Change> {
    const name = `${tab.actor.person.toLowerCase()}-${letters(this.made)}`;
    const quantity = 2 + Math.floor(this.random() * 8);
    await tab.honeydo.addItem(`${name} x${quantity}`);
    const accepted = await shows(() => tab.honeydo.item(name).isVisible());
    return { kind: 'add', actor: tab.actor, name, quantity, accepted };
  }

  private async tick(tab: Tab, item: ShownItem): Promise<Change> {
    const checked = !item.checked;
    const box = tab.honeydo.item(item.name);
    const accepted = await attempt(() => box.click({ timeout: 2000 }), () => box.isChecked({ timeout: 500 }).then((now) => now === checked));
    return { kind: 'tick', actor: tab.actor, name: item.name, checked, accepted };
  }

  private async edit(tab: Tab, item: ShownItem): Promise<Change> {
    const quantity = 100 + this.made;
    const saved = await attempt(
      async () => {
        const form = await tab.honeydo.openEditor(item.name);
        await form.getByLabel('Quantity').fill(String(quantity), { timeout: 2000 });
        await form.getByRole('button', { name: 'Save' }).click({ timeout: 2000 });
      },
      async () => (await tab.honeydo.shownItems()).some((row) => row.name === item.name && row.amount === `×${quantity}`),
    );
    // An editor left open (the save did not go through, or the item was removed meanwhile and the form says so) is
    // closed unsaved, as a person would: left open, it keeps its row on screen as it was, whatever happens to the item.
    await tab.honeydo.closeOpenEditors();
    return { kind: 'edit', actor: tab.actor, name: item.name, quantity, accepted: saved };
  }

  private async remove(tab: Tab, item: ShownItem): Promise<Change> {
    const accepted = await attempt(
      () => tab.honeydo.page.getByRole('button', { name: `Remove ${item.name}`, exact: true }).click({ timeout: 2000 }),
      async () => !(await tab.honeydo.item(item.name).isVisible()),
    );
    return { kind: 'remove', actor: tab.actor, name: item.name, accepted };
  }

  private async clear(tab: Tab, checked: ShownItem[]): Promise<Change> {
    const names = checked.map((item) => item.name);
    const accepted = await attempt(
      () => tab.honeydo.clearChecked(),
      async () => (await tab.honeydo.shownItems()).every((row) => !names.includes(row.name)),
    );
    return { kind: 'clear', actor: tab.actor, names, accepted };
  }

  private async undo(tab: Tab): Promise<Change> {
    const button = this.undoButton(tab);
    const notice = (await button.locator('xpath=ancestor::*[contains(@class, "toast")][1]').textContent({ timeout: 1000 }).catch(() => '')) ?? '';
    // A notice leaves by itself: pressed in time or not, that is the outcome.
    const accepted = await button
      .click({ timeout: 1000 })
      .then(() => true)
      .catch(() => false);
    return { kind: 'undo', actor: tab.actor, notice: notice.replace(/\s*Undo\s*$/, '').trim(), accepted };
  }

  private undoButton(tab: Tab) {
    return tab.honeydo.page.locator('.toast').getByRole('button', { name: 'Undo', exact: true }).first();
  }
}

/** Whether the UI shows what `check` looks for within the time a person would wait. */
function shows(check: () => Promise<boolean>): Promise<boolean> {
  return until(check, 'the change to show', SHOWN_WITHIN_MS).then(
    () => true,
    () => false,
  );
}

/** Does `act`, then whether the UI shows its effect; an act the screen no longer allows (the row went meanwhile) was not accepted. */
async function attempt(act: () => Promise<unknown>, effect: () => Promise<boolean>): Promise<boolean> {
  try {
    await act();
  } catch {
    return false;
  }
  return shows(effect);
}
