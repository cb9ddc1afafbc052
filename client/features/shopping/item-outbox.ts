import type { QueryClient } from '@tanstack/react-query';
import type { ShoppingItem } from '../../../shared/types';
import type { ChangeWriter } from '../../lib/change-writer';
import { OUTBOX_SCOPE } from '../../lib/outbox';
import { outboxRetry, outboxRetryDelay } from '../../lib/query-client';
import { createQueryUtils, type ApiClient } from '../../lib/trpc';
import { cachedListsOf } from './cached-lists';
import { confirmedItemId } from './confirmed-adds';
import type { ItemMutationContext } from './item-mutation-context';
import type { ItemInputs, ItemMutation, ItemOutputs } from './item-mutation-keys';
import type { ItemChange } from './item-sending';
import { itemSyncOf } from './item-sync';
import { mergeServerItem, withoutItems } from './list-rows';
import { pendingEditsOf } from './pending-edits';
import { removedItemsOf } from './removed-items';

/** What the mutation defaults of every item change work with. */
export type ItemOutbox = ReturnType<typeof itemOutboxOf>;

export function itemOutboxOf(queryClient: QueryClient, client: ApiClient, writer: ChangeWriter) {
  const utils = createQueryUtils(queryClient, client);
  const lists = cachedListsOf(queryClient, utils);
  const edits = pendingEditsOf(queryClient);
  const removed = removedItemsOf(queryClient);
  return {
    queryClient,
    utils,
    lists,
    edits,
    removed,
    sync: itemSyncOf(queryClient, lists),
    // Every change runs in the one ordered queue, and waits until the server has it, not just a few tries (see createQueryClient).
    queue: { scope: OUTBOX_SCOPE, retry: outboxRetry(queryClient), retryDelay: outboxRetryDelay },
    /** The `mutationFn` of every item change: sent by the person's writer tab, in the order of all their tabs' changes (change-writer.ts). */
    send: <K extends ItemMutation>(path: K, input: ItemInputs[K]) =>
      // The writer's tab got this answer from HoneyDo for this very mutation.
      writer.send({ path, input } as ItemChange) as Promise<ItemOutputs[K]>,
    meId: () => utils.me.get.getData()?.user.id ?? '',
    nameOf: (itemId: string) => lists.find(itemId)?.name ?? 'an item',

    // A row removed while its add was on its way comes back under the id the add was given, not as a second row beside it.
    putBack(listId: string | null, items: ShoppingItem[]): void {
      const asConfirmed = (item: ShoppingItem) => ({ ...item, id: confirmedItemId(queryClient, item.id) ?? item.id });
      if (listId) lists.update(listId, (current) => items.reduce((list, item) => mergeServerItem(list, asConfirmed(item)), current));
    },

    /** Takes rows off the screen, kept for an undo, with their pending edits dropped. */
    async removeRows(listId: string | null, rows: () => ShoppingItem[]) {
      const refetchAfter = listId ? await lists.hold(listId) : false;
      const gone = rows();
      removed.keep(gone);
      for (const item of gone) edits.forget(item.id);
      if (listId) lists.update(listId, (current) => withoutItems(current, gone.map((item) => item.id)));
      return { listId, refetchAfter, removed: gone };
    },

    settle: (context: ItemMutationContext | undefined) => lists.settle(context?.listId ?? null, context?.refetchAfter),
  };
}
