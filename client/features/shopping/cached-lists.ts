import type { QueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import type { ShoppingItem, ShoppingList } from '../../../shared/types';
import { trpc, type QueryUtils } from '../../lib/trpc';
import { confirmedItemId } from './confirmed-adds';
import { noteListChanged } from './list-fetch-races';

export type CachedLists = ReturnType<typeof cachedListsOf>;

/** The cached items of every list, as the outbox's optimistic updates and the household stream change them. */
export function cachedListsOf(queryClient: QueryClient, utils: QueryUtils) {
  const items = utils.shopping.items.getByList;
  const refetch = (listId: string) => void items.invalidate({ listId });
  return {
    items: (listId: string) => items.getData({ listId }),

    /** The categories of the household a cached list belongs to; none while either is still loading. */
    categoriesOf(listId: string): readonly string[] {
      for (const [, lists] of queryClient.getQueriesData<ShoppingList[]>({ queryKey: getQueryKey(trpc.shopping.lists.getByHousehold) })) {
        const list = lists?.find((candidate) => candidate.id === listId);
        if (list) return utils.household.get.getData({ householdId: list.householdId })?.categories ?? [];
      }
      return [];
    },

    /**
     * An item of any cached list: a tick or an edit names only the item. A
     * change made on a row added offline names its pending id; the add's
     * answer may have given the row its server id since (while the change
     * waited for a list fetch to be cancelled, say): the row is found by that.
     */
    find(itemId: string): ShoppingItem | undefined {
      const ids = [itemId, confirmedItemId(queryClient, itemId) ?? itemId];
      for (const [, list] of queryClient.getQueriesData<ShoppingItem[]>({ queryKey: getQueryKey(trpc.shopping.items.getByList) })) {
        const item = list?.find((candidate) => ids.includes(candidate.id));
        if (item) return item;
      }
      return undefined;
    },

    /** While the list is still loading there is nothing to change; the load, or the change's own event, brings it. */
    update(listId: string, change: (items: ShoppingItem[]) => ShoppingItem[]): void {
      noteListChanged(queryClient, listId);
      items.setData({ listId }, (old) => old && change(old));
    },

    /**
     * A refetch of the list still in flight would land on top of the change
     * we are about to show and wipe it, so it is cancelled, and made again
     * once the change is settled (it may have been a `sync:reset` refetch
     * that must happen). Returns whether to refetch then.
     */
    async hold(listId: string): Promise<boolean> {
      const fetching = queryClient.isFetching({ queryKey: getQueryKey(trpc.shopping.items.getByList, { listId }, 'query') }) > 0;
      if (fetching) await items.cancel({ listId });
      return fetching;
    },

    settle(listId: string | null, refetchAfter: boolean | undefined): void {
      if (listId && refetchAfter) refetch(listId);
    },

    /** Our copy cannot tell what became of an item: the server's list does. */
    refetch,
  };
}

