import type { QueryClient } from '@tanstack/react-query';
import type { ShoppingItem } from '../../../shared/types';
import { perSession } from '../../lib/per-session';
import type { CachedLists } from './cached-lists';
import { pendingIdsByItemId, rememberConfirmedAdd } from './confirmed-adds';
import { holdsItem, mergeServerItem, mergeUpdatedItem, pendingItemId, withoutItems } from './list-rows';
import { pendingEditsOf } from './pending-edits';
import { removedItemsOf } from './removed-items';

/** More than a session removes; the oldest are forgotten first. */
const GONE_KEPT = 2000;

/** Items whose removal this page saw arrive (its event): an update that comes after it, our own edit's late answer, must not bring one back. */
const goneItemsOf = perSession(() => new Set<string>());

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
  const gone = goneItemsOf(queryClient);
  /** Removed here (our removal is on its way, or kept for an undo) or by an event this page saw. */
  const keptGone = (itemId: string) => gone.has(itemId) || removed.has(itemId) || removed.has(pendingIdsByItemId(queryClient).get(itemId) ?? itemId);
  /**
   * The pending ids our rows for a server copy may have: its change's add
   * (also one merged into an item already listed), and an add of ours the
   * server confirmed as this item. A row another tab added offline is
   * confirmed to this tab by the writer before its event arrives, and an
   * answer to our own edit of it may come first: it must replace that row.
   */
  const ownRowIds = (item: ShoppingItem, clientId: string | undefined) => {
    const confirmedFrom = pendingIdsByItemId(queryClient).get(item.id);
    return [...(clientId ? [pendingItemId(clientId)] : []), ...(confirmedFrom ? [confirmedFrom] : [])];
  };
  return {
    /**
     * An added item: the answer to our add (`answered`), or an event. Our
     * own add's row keeps the key it had while pending (an edit open on it
     * stays open); a row removed before the add went through stays gone: the
     * removal queued behind it takes it away on the server too.
     */
    added(item: ShoppingItem, clientId: string | undefined, answered: boolean): void {
      // The answer to an add sent again (adopted from a closed tab, resumed after a reload) is its first result,
      // the item as it was then: one whose removal arrived since stays gone. An event (a restore) brings it back.
      if (answered && gone.has(item.id)) return;
      if (clientId) {
        const pendingId = pendingItemId(clientId);
        const ours = answered || lists.items(item.listId)?.some((row) => row.id === pendingId);
        if (ours) rememberConfirmedAdd(queryClient, clientId, item.id);
        if (removed.has(pendingId)) return;
      }
      if (!answered) gone.delete(item.id);
      lists.update(item.listId, (current) => mergeServerItem(current, edits.receive(item, clientId), ownRowIds(item, clientId)));
    },

    /**
     * An updated item: the answer to our change (`answered`), or an event.
     * One we are removing, or whose removal arrived first, stays gone. An
     * event about one simply missing from our copy brings it in: that copy
     * came from another tab's, which had it taken off (a removal of that
     * tab's still on its way, or a clear the server did not apply to it). An
     * answer about one does not: a change sent again (adopted from a closed
     * tab, resumed after a reload) is answered with its first result, which
     * may predate a removal our copy already went without, or not. The list
     * is fetched again instead, and the server's copy tells.
     */
    updated(item: ShoppingItem, clientId: string | undefined, answered: boolean): void {
      const rowIds = ownRowIds(item, clientId);
      const shown = edits.receive(item, clientId);
      const staysGone = keptGone(item.id);
      if (answered && !staysGone && !holdsItem(lists.items(item.listId) ?? [], item, rowIds)) return lists.refetch(item.listId);
      const merge = staysGone ? mergeUpdatedItem : mergeServerItem;
      lists.update(item.listId, (current) => merge(current, shown, rowIds));
    },

    removed(listId: string, itemId: string): void {
      gone.add(itemId);
      if (gone.size > GONE_KEPT) gone.delete(gone.values().next().value ?? itemId);
      edits.forget(itemId);
      lists.update(listId, (current) => withoutItems(current, [itemId]));
    },
  };
}
