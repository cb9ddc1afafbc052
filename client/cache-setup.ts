import { getQueryKey } from '@trpc/react-query';
import { registerItemMutationDefaults } from './features/shopping/item-mutation-defaults';
import type { CacheSetUp } from './lib/api-provider';
import { trpc } from './lib/trpc';

/**
 * What each session's cache gets before the stored one is restored into it:
 * the outbox's mutation defaults, and the queries kept for offline use, which
 * are enough to open the household and its lists with no connection.
 */
export const setUpCache: CacheSetUp = (queryClient, client) => {
  const outbox = registerItemMutationDefaults(queryClient, client);
  return {
    keepOffline: [
      getQueryKey(trpc.me.get),
      getQueryKey(trpc.household.get),
      getQueryKey(trpc.shopping.lists.getByHousehold),
      getQueryKey(trpc.shopping.items.getByList),
    ],
    restored: outbox.restored,
  };
};
