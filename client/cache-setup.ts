import { getQueryKey } from '@trpc/react-query';
import { registerItemMutationDefaults } from './features/shopping/item-mutation-defaults';
import type { CacheSetUp } from './lib/api-provider';
import { trpc } from './lib/trpc';

/**
 * What each session's cache gets before the stored one is restored into it:
 * the outbox's mutation defaults (and the person's writer, which sends their
 * changes for all of their tabs), and the queries kept for offline use, which
 * are enough to open the household and its lists with no connection.
 */
export const setUpCache: CacheSetUp = (queryClient, client, userKey) => {
  const outbox = registerItemMutationDefaults(queryClient, client, userKey);
  return {
    keepOffline: [
      getQueryKey(trpc.me.get),
      getQueryKey(trpc.household.get),
      getQueryKey(trpc.shopping.lists.getByHousehold),
      getQueryKey(trpc.shopping.items.getByList),
    ],
    restored: outbox.restored,
    close: outbox.close,
  };
};
