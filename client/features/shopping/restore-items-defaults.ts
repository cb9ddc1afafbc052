import { changeLabels } from './change-labels';
import { confirmedItemId, UnconfirmedItemError } from './confirmed-adds';
import type { RemovalContext } from './item-mutation-context';
import { recordRefusal, SOME_CHANGE } from './item-not-saved';
import type { ItemOutbox } from './item-outbox';
import { isPendingItem, withoutItems } from './list-rows';

/** An undo of a removal brings the rows back at once, as they were; a refusal takes them off again. */
export function registerRestoreDefaults({ queryClient, utils, send, lists, removed, queue, putBack, settle }: ItemOutbox): void {
  utils.shopping.items.restore.setMutationDefaults<RemovalContext>(() => ({
    ...queue,
    mutationFn: (input) => send('restore', input),
    onMutate: async (input) => {
      const refetchAfter = await lists.hold(input.listId);
      const back = removed.take(input.itemIds);
      putBack(input.listId, back);
      // Rows this session no longer remembers (removed before a reload) are counted all the same.
      const what = changeLabels.restore(back.map((item) => item.name), input.itemIds.length).todo;
      return { what, listId: input.listId, refetchAfter, removed: back };
    },
    onSuccess: (result, input) => {
      // Every add queued before this has been answered: a row still under its pending id is a copy of one that came back (or was never added).
      lists.update(input.listId, (current) => withoutItems(current, input.itemIds.filter((itemId) => isPendingItem({ id: itemId }))));
      putBack(input.listId, result.items);
    },
    onError: (error, input, context) => {
      // Under either id: the pending one it was shown with, or the server's.
      const rowIds = input.itemIds.flatMap((itemId) => [itemId, confirmedItemId(queryClient, itemId) ?? itemId]);
      lists.update(input.listId, (current) => withoutItems(current, rowIds));
      // The add was refused, and that is the one notice.
      if (error instanceof UnconfirmedItemError) return;
      recordRefusal(queryClient, error, context?.what ?? SOME_CHANGE, 'restore', input);
    },
    onSettled: (_result, _error, _input, context) => settle(context),
  }));
}
