import type { ShoppingItem } from '../../../shared/types';
import type { ShownItem } from '../support/honeydo-page';
import { touches, type OpLog } from './op-log';

export interface Violation {
  says: string;
  /** The items it is about: their changes are the trace that shows it. */
  items: string[];
}

/** A settled tab as the checker read it. */
export interface SettledTab {
  who: string;
  shown: ShownItem[];
  /** The connection badge's word ("Connection: live"…), to tell a stale tab from a disconnected one. */
  connection: string;
  /** The not-saved notice's texts: changes the server refused, with the reason. */
  refused: string[];
}

const amountOf = (item: ShoppingItem) => (item.quantity === null ? '' : `×${item.quantity}`);
const rowText = (row: ShownItem) => `${row.name} ${row.amount || '(no amount)'}${row.checked ? ' ✓' : ''}`;
/** HoneyDo's reason for refusing a change to an item it does not have. */
const ITEM_GONE = 'That item does not exist';
const accepted = (log: OpLog) => log.changes().filter((change) => change.accepted);

/** Every tab shows exactly the server's rows: same names, amounts and ticks. */
export function tabsShowTheServer(server: ShoppingItem[], tabs: SettledTab[]): Violation[] {
  const expected = server.map((item) => rowText({ name: item.name, amount: amountOf(item), checked: item.checked })).sort();
  return tabs.flatMap((tab) => {
    const shown = tab.shown.map(rowText).sort();
    const missing = expected.filter((row) => !shown.includes(row));
    const extra = shown.filter((row) => !expected.includes(row));
    if (missing.length === 0 && extra.length === 0) return [];
    const names = [...missing, ...extra].map((row) => row.split(' ')[0]!);
    return [{ says: `${tab.who} (${tab.connection}) differs from the server: missing [${missing.join('; ')}], extra [${extra.join('; ')}]`, items: names }];
  });
}

/** No add landed twice (a second row), and nothing is on the server that no one typed. */
export function eachAddOnce(server: ShoppingItem[], log: OpLog): Violation[] {
  const typed = new Set(log.changes().flatMap((change) => (change.kind === 'add' ? [change.name] : [])));
  const violations: Violation[] = [];
  const counts = new Map<string, number>();
  for (const item of server) counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  for (const [name, count] of counts) {
    if (count > 1) violations.push({ says: `${name} is on the server ${count} times`, items: [name] });
    if (!typed.has(name)) violations.push({ says: `${name} is on the server, but no one added it`, items: [name] });
  }
  return violations;
}

/**
 * Whether some attempted change could have taken the item away: a removal
 * of it or an undo naming it, or a tick of it and a "Clear checked" by
 * anyone (a clear goes by the server's ticks, and queued changes reach the
 * server in no order the checker knows). A change the UI did not show in
 * time may still have landed, so every attempt counts.
 */
function couldBeTakenAway(log: OpLog): (name: string) => boolean {
  const attempts = log.changes();
  const anyClear = attempts.some((change) => change.kind === 'clear');
  return (name) =>
    attempts.some((change) => (change.kind === 'remove' || change.kind === 'undo') && touches(change, name)) ||
    (anyClear && attempts.some((change) => change.kind === 'tick' && change.name === name && change.checked));
}

/**
 * Every accepted add is on the server, unless a change could have taken it
 * away, or the server refused it and a tab lists it as not saved: an add no
 * attempt could have taken away must be there.
 */
export function noAcceptedAddLost(server: ShoppingItem[], log: OpLog, tabs: SettledTab[]): Violation[] {
  const onServer = new Set(server.map((item) => item.name));
  const refused = refusals(tabs);
  const takenAway = couldBeTakenAway(log);
  return accepted(log).flatMap((change) =>
    change.kind === 'add' && !onServer.has(change.name) && !takenAway(change.name) && !refused.some((text) => text.includes(`“${change.name}”`))
      ? [{ says: `${change.name} was added (${change.actor.person}/tab${change.actor.tab} showed it) and is not on the server, and nothing took it away`, items: [change.name] }]
      : [],
  );
}

/**
 * A change refused because its item no longer exists names an item some
 * change could have taken away: one refused about an item nobody removed
 * reached the server before the add it depends on.
 */
export function refusedOnlyWhenGone(log: OpLog, tabs: SettledTab[]): Violation[] {
  const takenAway = couldBeTakenAway(log);
  const typed = new Set(log.changes().flatMap((change) => (change.kind === 'add' ? [change.name] : [])));
  return refusals(tabs).flatMap((text) => {
    const name = /“([^”]+)”/.exec(text)?.[1];
    // A name no one typed is the app's "an item": it no longer knew the row, and the checker cannot tell which it was.
    if (!name || !typed.has(name) || !text.includes(ITEM_GONE) || takenAway(name)) return [];
    return [{ says: `${text} — but no change could have taken ${name} away`, items: [name] }];
  });
}

/**
 * An item's amount on the server is one some accepted change of it wrote (its
 * add's, an edit's), or one its add wrote with a change not shown in time:
 * every written amount is unique to its item, so a sum (an add applied twice
 * onto itself) or a stranger's amount cannot pass.
 */
export function amountsWereWritten(server: ShoppingItem[], log: OpLog): Violation[] {
  const written = new Map<string, Set<number>>();
  for (const change of log.changes()) {
    if (change.kind !== 'add' && change.kind !== 'edit') continue;
    const values = written.get(change.name) ?? new Set<number>();
    values.add(change.quantity);
    written.set(change.name, values);
  }
  return server.flatMap((item) =>
    item.quantity !== null && written.get(item.name)?.has(item.quantity)
      ? []
      : [{ says: `${item.name} is ×${item.quantity ?? 'none'} on the server, an amount no change of it wrote`, items: [item.name] }],
  );
}

/** Where the refused changes are only reported: each is a change the app told its person about, with the reason. */
export function refusals(tabs: SettledTab[]): string[] {
  return [...new Set(tabs.flatMap((tab) => tab.refused))];
}
