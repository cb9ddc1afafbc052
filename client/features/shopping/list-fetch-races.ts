import { matchQuery, type QueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { z } from 'zod';
import { perSession } from '../../lib/per-session';
import { trpc } from '../../lib/trpc';

/** Enough for a list that is busy while it loads; a list changed on every try is left to its next event. */
const FETCHES_AGAIN_AT_MOST = 3;

const changesTo = perSession(() => new Map<string, number>());
const listQueryKey = z.tuple([z.unknown(), z.object({ input: z.object({ listId: z.string() }) })]);

/** A change landed on the cached list (an event, the answer to a change, our own optimistic update). */
export function noteListChanged(queryClient: QueryClient, listId: string): void {
  const changes = changesTo(queryClient);
  changes.set(listId, (changes.get(listId) ?? 0) + 1);
}

/**
 * A list fetched while changes to it were landing comes back as the server
 * read it, maybe before the last of them: it would put back an item whose
 * removal's event arrived meanwhile, or undo a tick. So a list that changed
 * while it was being fetched is fetched again (a few times at most), and the
 * newest copy wins. Returns the unsubscribe.
 */
export function fetchAgainListsChangedMidFetch(queryClient: QueryClient): () => void {
  const changes = changesTo(queryClient);
  const listQueries = { queryKey: getQueryKey(trpc.shopping.items.getByList) };
  const atStart = new Map<string, number>();
  const again = new Map<string, number>();
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || !matchQuery(listQueries, event.query)) return;
    const listId = listQueryKey.safeParse(event.query.queryKey).data?.[1].input.listId;
    if (!listId) return;
    const { queryHash } = event.query;
    if (event.action.type === 'fetch') atStart.set(queryHash, changes.get(listId) ?? 0);
    // A `manual` success is a change written into the cache (setQueryData), not the fetch coming back.
    const landed = (event.action.type === 'success' && !event.action.manual) || event.action.type === 'error';
    if (!landed) return;
    const changedMeanwhile = atStart.has(queryHash) && atStart.get(queryHash) !== (changes.get(listId) ?? 0);
    atStart.delete(queryHash);
    const tries = again.get(queryHash) ?? 0;
    if (event.action.type === 'success' && changedMeanwhile && tries < FETCHES_AGAIN_AT_MOST) {
      again.set(queryHash, tries + 1);
      void queryClient.invalidateQueries({ queryKey: event.query.queryKey, exact: true });
    } else again.delete(queryHash);
  });
}
