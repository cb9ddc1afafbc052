import type { QueryClient } from '@tanstack/react-query';
import type { ShoppingItem } from '../../../shared/types';
import type { CachedLists } from './cached-lists';
import { rememberConfirmedAdd } from './confirmed-adds';
import { mergeServerItem, mergeUpdatedItem, pendingItemId, withoutItems } from './list-rows';
import { pendingEditsOf } from './pending-edits';
import { removedItemsOf } from './removed-items';

/**
 * Where a server copy of an item meets our own unconfirmed changes. The
 * server's answer to our change and our own event echo can come in either
 * order: whichever comes first settles it, and the second finds nothing left
 * to do (copies merge by `version`, edits are confirmed by `clientId`). Both
 * the mutation defaults and the household stream come through here.
 */
export function itemSyncOf(queryClient: QueryClient, lists: CachedLists) {
  const edits = pendingEditsOf(queryClient);
  const removed = removedItemsOf(queryClient);
  return {
    /**
     * An added item: the answer to our add (`answered`), or an event. Our
     * own add's row keeps the key it had while pending (an edit open on it
     * stays open); a row removed before the add went through stays gone: the
     * removal queued behind it takes it away on the server too.
     */
    added(item: ShoppingItem, clientId: string | undefined, answered: boolean): void {
      if (clientId) {
        const pendingId = pendingItemId(clientId);
        const ours = answered || lists.items(item.listId)?.some((row) => row.id === pendingId);
        if (ours) rememberConfirmedAdd(queryClient, clientId, item.id);
        if (removed.has(pendingId)) return;
      }
      lists.update(item.listId, (current) => mergeServerItem(current, edits.receive(item, clientId), clientId));
    },

    /** An updated item; one we no longer hold (we are removing it, or someone did) must not come back. */
    updated(item: ShoppingItem, clientId: string | undefined): void {
      lists.update(item.listId, (current) => mergeUpdatedItem(current, edits.receive(item, clientId), clientId));
    },

    removed(listId: string, itemId: string): void {
      edits.forget(itemId);
      lists.update(listId, (current) => withoutItems(current, [itemId]));
    },
  };
}
