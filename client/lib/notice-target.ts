import { writeStored } from './storage';

/**
 * A click on a pushed notice opens `/?household=…&list=…` (`noticePath` in
 * shared/push.ts). Read once as the app starts: the list becomes the one
 * remembered for its household, the household waits for `adoptNoticeHousehold`
 * (which knows whose choice it is), and the address goes back to plain.
 */
let pendingHousehold: string | null = null;

export function readNoticeTarget(): void {
  const query = new URLSearchParams(window.location.search);
  const householdId = query.get('household');
  if (!householdId) return;
  const listId = query.get('list');
  if (listId) writeStored(`honeydo.list.${householdId}`, listId);
  pendingHousehold = householdId;
  window.history.replaceState(null, '', window.location.pathname);
}

/** Makes the household a notice opened the remembered choice under `key`, once. */
export function adoptNoticeHousehold(key: string): void {
  if (!pendingHousehold) return;
  writeStored(key, pendingHousehold);
  pendingHousehold = null;
}
