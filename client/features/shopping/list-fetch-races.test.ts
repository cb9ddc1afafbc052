import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { trpc } from '../../lib/trpc';
import { shoppingItem } from '../../test/fixtures';
import { fetchAgainListsChangedMidFetch, noteListChanged } from './list-fetch-races';

const LIST = 'list-1';

/** A list on screen whose every fetch the test answers; `fetches` counts them. */
function listOnScreen() {
  const queryClient = new QueryClient();
  const stop = fetchAgainListsChangedMidFetch(queryClient);
  const answers: ((items: ShoppingItem[]) => void)[] = [];
  const observer = new QueryObserver(queryClient, {
    queryKey: getQueryKey(trpc.shopping.items.getByList, { listId: LIST }, 'query'),
    queryFn: () => new Promise<ShoppingItem[]>((resolve) => answers.push(resolve)),
    staleTime: Infinity,
  });
  const unsubscribe = observer.subscribe(() => undefined);
  return {
    queryClient,
    fetches: () => answers.length,
    async answer(items: ShoppingItem[]) {
      answers.at(-1)?.(items);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    [Symbol.dispose]() {
      unsubscribe();
      stop();
    },
  };
}

describe('list fetches that race with changes', () => {
  it('a list that changed while it was being fetched is fetched again, for a copy newer than the change', async () => {
    using list = listOnScreen();
    expect(list.fetches()).toBe(1);
    // The removal's event lands while the fetch is out; the answer was read before it.
    noteListChanged(list.queryClient, LIST);
    await list.answer([shoppingItem({ id: 'milk', listId: LIST })]);
    expect(list.fetches()).toBe(2);
    await list.answer([]);
    expect(list.fetches()).toBe(2);
  });

  it('a change written into the list while it is fetched is not taken for the fetch coming back', async () => {
    using list = listOnScreen();
    noteListChanged(list.queryClient, LIST);
    list.queryClient.setQueryData(getQueryKey(trpc.shopping.items.getByList, { listId: LIST }, 'query'), [shoppingItem({ id: 'bread', listId: LIST })]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The fetch out is still the one to wait for: not cancelled and made again at each change.
    expect(list.fetches()).toBe(1);
    await list.answer([]);
    expect(list.fetches()).toBe(2);
  });

  it('a quiet fetch, or a change to another list, is not repeated', async () => {
    using list = listOnScreen();
    noteListChanged(list.queryClient, 'another-list');
    await list.answer([]);
    expect(list.fetches()).toBe(1);
  });

  it('a list changed during every fetch is fetched again a few times, not forever', async () => {
    using list = listOnScreen();
    for (let i = 0; i < 10; i++) {
      noteListChanged(list.queryClient, LIST);
      await list.answer([]);
    }
    expect(list.fetches()).toBe(4);
  });
});
