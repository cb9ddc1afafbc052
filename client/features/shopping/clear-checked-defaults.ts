import { errorCode } from '../../lib/api-errors';
import { changeLabels } from './change-labels';
import type { RemovalContext } from './item-mutation-context';
import { recordRefusal, SOME_CHANGE } from './item-not-saved';
import type { ItemOutbox } from './item-outbox';
import { withoutItems } from './list-rows';

/** "Clear checked" takes the ticked rows off at once, kept for an undo; a refusal puts them back. */
export function registerClearCheckedDefaults({ queryClient, utils, send, lists, queue, putBack, removeRows, settle }: ItemOutbox): void {
  utils.shopping.items.clearChecked.setMutationDefaults<RemovalContext>(() => ({
    ...queue,
    mutationFn: (input) => send('clearChecked', input),
    onMutate: async (input) => {
      const removal = await removeRows(input.listId, () => lists.items(input.listId)?.filter((item) => item.checked) ?? []);
      return { what: changeLabels.clearChecked(removal.removed.length).todo, ...removal };
    },
    onSuccess: (result, input, context) => {
      // Items someone else ticked just before are cleared too; their events say so, and this is sooner.
      lists.update(input.listId, (current) => withoutItems(current, result.removedItemIds));
      // A row taken off here that was no longer ticked when the clear arrived (unticked meanwhile, by anyone) is
      // still on the list: the server's copy, with every change made to it since, is fetched back.
      const cleared = new Set(result.removedItemIds);
      if (context?.removed.some((item) => !cleared.has(item.id))) void utils.shopping.items.getByList.invalidate({ listId: input.listId });
    },
    onError: (error, input, context) => {
      // The list is gone, and its items with it.
      if (errorCode(error) === 'NOT_FOUND') return;
      putBack(input.listId, context?.removed ?? []);
      recordRefusal(queryClient, error, context?.what ?? SOME_CHANGE, 'clearChecked', input);
    },
    onSettled: (_result, _error, _input, context) => settle(context),
  }));
}
