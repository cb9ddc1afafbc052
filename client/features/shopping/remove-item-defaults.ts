import { errorCode } from '../../lib/api-errors';
import { changeLabels } from './change-labels';
import { UnconfirmedItemError } from './confirmed-adds';
import type { RemovalContext } from './item-mutation-context';
import { recordRefusal, SOME_CHANGE } from './item-not-saved';
import type { ItemOutbox } from './item-outbox';

/** A removal takes the row off at once, kept for an undo; a refusal puts it back. */
export function registerRemoveDefaults({ queryClient, utils, send, lists, queue, nameOf, putBack, removeRows, settle }: ItemOutbox): void {
  utils.shopping.items.remove.setMutationDefaults<RemovalContext>(() => ({
    ...queue,
    mutationFn: (input) => send('remove', input),
    onMutate: async (input) => {
      const what = changeLabels.remove(nameOf(input.itemId)).todo;
      const removal = await removeRows(lists.find(input.itemId)?.listId ?? null, () => {
        const item = lists.find(input.itemId);
        return item ? [item] : [];
      });
      return { what, ...removal };
    },
    onError: (error, input, context) => {
      // Gone already (or never added) is what the person asked for.
      if (errorCode(error) === 'NOT_FOUND' || error instanceof UnconfirmedItemError) return;
      putBack(context?.listId ?? null, context?.removed ?? []);
      recordRefusal(queryClient, error, context?.what ?? SOME_CHANGE, 'remove', input);
    },
    onSettled: (_result, _error, _input, context) => settle(context),
  }));
}
