import type { QueryClient } from '@tanstack/react-query';
import { localStateKey } from '../../lib/persisted-cache';
import { isPendingItem, pendingItemId } from './list-rows';

/**
 * A row added offline can be ticked, edited or removed before the server has
 * given it an id: those changes are queued with its pending id, and sent
 * with the real one, which the add's answer brings before they go (the
 * writer sends a change about a pending row after its add, also one made in
 * another tab: item-sending.ts). The ids are kept in the persisted cache, so a
 * change queued behind an add that was confirmed just before a reload still
 * finds its item.
 */
const KEY = localStateKey('confirmed-adds');
/** Enough for any queue a person builds up; the oldest go first. */
const KEPT = 200;

type ConfirmedAdds = Record<string, string>;

export function rememberConfirmedAdd(queryClient: QueryClient, clientId: string, itemId: string): void {
  queryClient.setQueryData<ConfirmedAdds>(KEY, (current = {}) => Object.fromEntries([...Object.entries(current), [pendingItemId(clientId), itemId]].slice(-KEPT)));
}

/** The server's id for `itemId`: itself unless it is a pending one; `null` for a pending row whose add was never confirmed. */
export function confirmedItemId(queryClient: QueryClient, itemId: string): string | null {
  if (!isPendingItem({ id: itemId })) return itemId;
  return queryClient.getQueryData<ConfirmedAdds>(KEY)?.[itemId] ?? null;
}

/** The pending id each confirmed add had, by the server's id: the row keeps its React key, and an edit open on it stays open. */
export function pendingIdsByItemId(queryClient: QueryClient): Map<string, string> {
  return new Map(Object.entries(queryClient.getQueryData<ConfirmedAdds>(KEY) ?? {}).map(([pendingId, itemId]) => [itemId, pendingId]));
}

/** A change to a row whose add the server refused: there is no item to send it for. */
export class UnconfirmedItemError extends Error {
  /** Spelled out: it tells the error apart when it comes back from the writer's tab, and a minified class name would not. */
  static readonly NAME = 'UnconfirmedItemError';

  constructor() {
    super('The item it was for was never added.');
    this.name = UnconfirmedItemError.NAME;
  }
}

export function requireConfirmedItemId(queryClient: QueryClient, itemId: string): string {
  const confirmed = confirmedItemId(queryClient, itemId);
  if (confirmed === null) throw new UnconfirmedItemError();
  return confirmed;
}
