import { useInfiniteQuery } from '@tanstack/react-query';
import { trpc } from '../../lib/trpc';
import { activityQueryKey } from './activity-cache';

const PAGE_SIZE = 30;

/**
 * A household's activity, a page at a time, older pages on demand. tRPC's
 * own `useInfiniteQuery` only serves procedures whose cursor is called
 * `cursor`; `household.activity` calls it `before`, so this is TanStack's
 * hook on tRPC's key. While it is on screen, the household's event stream
 * keeps the newest page current (`addToActivity`).
 */
export function useHouseholdActivity(householdId: string) {
  const utils = trpc.useUtils();
  return useInfiniteQuery({
    queryKey: activityQueryKey(householdId),
    queryFn: ({ pageParam, signal }) => utils.client.household.activity.query({ householdId, before: pageParam ?? undefined, limit: PAGE_SIZE }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextBefore,
    // Kept only while on screen: opened again later, it starts from the newest page.
    gcTime: 0,
  });
}
