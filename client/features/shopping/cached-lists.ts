import type { QueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import type { ShoppingItem, ShoppingList } from '../../../shared/types';
import { trpc, type QueryUtils } from '../../lib/trpc';
import { noteListChanged } from './list-fetch-races';

export type CachedLists = ReturnType<typeof cachedListsOf>;

/** The cached items of every list, as the outbox's optimistic updates and the household stream change them. */
export function cachedListsOf(queryClient: QueryClient, utils: QueryUtils) {
  const items = utils.shopping.items.getByList;
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

    /** An item of any cached list: a tick or an edit names only the item. */
    find(itemId: string): ShoppingItem | undefined {
      for (const [, list] of queryClient.getQueriesData<ShoppingItem[]>({ queryKey: getQueryKey(trpc.shopping.items.getByList) })) {
        const item = list?.find((candidate) => candidate.id === itemId);
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
      if (listId && refetchAfter) void items.invalidate({ listId });
    },

    /** Our copy cannot tell what became of an item: the server's list does. */
    refetch(listId: string): void {
      void items.invalidate({ listId });
    },
  };
}

