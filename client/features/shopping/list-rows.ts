import { addedDetails } from '../../../shared/item-add';
import type { ShoppingItem } from '../../../shared/types';

/**
 * Pure updates of a list's cached items. Server copies win by `version`
 * (every update increments it), so an event that arrives late, or twice
 * (replay after a reconnect, our own echo after the mutation's response),
 * never rolls an item back.
 */

const PENDING_PREFIX = 'pending:';

/** The id of an item we added that the server has not confirmed yet. */
export const pendingItemId = (clientId: string) => `${PENDING_PREFIX}${clientId}`;
export const isPendingItem = (item: Pick<ShoppingItem, 'id'>) => item.id.startsWith(PENDING_PREFIX);
/** The `clientId` of the add a pending row was shown for. */
export const addOfPendingItem = (pendingId: string) => pendingId.slice(PENDING_PREFIX.length);

export function optimisticItem(
  input: { listId: string; name: string; quantity?: number | null; unit?: string | null; note?: string | null; category?: string | null; clientId: string },
  userId: string,
  now = new Date(),
): ShoppingItem {
  const at = now.toISOString();
  return {
    id: pendingItemId(input.clientId),
    listId: input.listId,
    name: input.name.trim(),
    ...addedDetails(input),
    category: input.category?.trim() || null,
    checked: false,
    addedBy: userId,
    checkedBy: null,
    checkedAt: null,
    updatedBy: null,
    createdAt: at,
    updatedAt: at,
    version: 0,
  };
}

/**
 * Puts a server copy of an item in the list: over the row with its id unless
 * that row is newer, else over our optimistic row for it (the echo of our own
 * add: same place, no duplicate), else at the end. `ownRowIds` are the
 * pending ids our rows for this item may have: the add the copy answers (also
 * one merged into an item already listed), or an add of ours the server has
 * confirmed as this item. Whichever way the copy lands, none of them stays
 * beside it.
 */
export function mergeServerItem(items: ShoppingItem[], item: ShoppingItem, ownRowIds: readonly string[] = []): ShoppingItem[] {
  const own = (candidate: ShoppingItem) => ownRowIds.includes(candidate.id);
  const existing = items.find((candidate) => candidate.id === item.id);
  if (existing) {
    const withoutOwn = ownRowIds.length > 0 && items.some(own) ? items.filter((candidate) => !own(candidate)) : items;
    if (item.version < existing.version) return withoutOwn;
    return withoutOwn.map((candidate) => (candidate.id === item.id ? item : candidate));
  }
  const pending = items.findIndex(own);
  if (pending < 0) return [...items, item];
  return items.flatMap((candidate, index) => (index === pending ? [item] : own(candidate) ? [] : [candidate]));
}

/** Whether the list has a row for `item`: one with its id, or one of ours still under a pending id (`ownRowIds`). */
export function holdsItem(items: readonly ShoppingItem[], item: ShoppingItem, ownRowIds: readonly string[] = []): boolean {
  return items.some((candidate) => candidate.id === item.id || ownRowIds.includes(candidate.id));
}

/** A server copy of an item we hold (an update): merged by version; an item we no longer hold stays gone. */
export function mergeUpdatedItem(items: ShoppingItem[], item: ShoppingItem, ownRowIds: readonly string[] = []): ShoppingItem[] {
  return holdsItem(items, item, ownRowIds) ? mergeServerItem(items, item, ownRowIds) : items;
}

/** Replaces a row that exists; an item we no longer have stays gone. */
export function replaceItem(items: ShoppingItem[], item: ShoppingItem): ShoppingItem[] {
  return items.some((candidate) => candidate.id === item.id) ? items.map((candidate) => (candidate.id === item.id ? item : candidate)) : items;
}

export function withoutItems(items: ShoppingItem[], itemIds: Iterable<string>): ShoppingItem[] {
  const gone = new Set(itemIds);
  const kept = items.filter((item) => !gone.has(item.id));
  return kept.length === items.length ? items : kept;
}

/** Items to buy first, in the order they were added; what is already in the basket sinks below. */
export function sortForShopping(items: readonly ShoppingItem[]): { toBuy: ShoppingItem[]; inBasket: ShoppingItem[] } {
  const byAdded = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { toBuy: byAdded.filter((item) => !item.checked), inBasket: byAdded.filter((item) => item.checked) };
}
