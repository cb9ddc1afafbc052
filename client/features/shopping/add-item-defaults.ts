import { guessCategory } from '../../../shared/category-guesses';
import { changeLabels } from './change-labels';
import type { ItemMutationContext } from './item-mutation-context';
import { recordRefusal } from './item-not-saved';
import type { ItemOutbox } from './item-outbox';
import { optimisticItem, pendingItemId, withoutItems } from './list-rows';

/** An add shows its row at once under a pending id, which the answer (or our own echo) replaces with the server's. */
export function registerAddDefaults({ queryClient, utils, send, lists, edits, sync, queue, meId, settle }: ItemOutbox): void {
  utils.shopping.items.add.setMutationDefaults<ItemMutationContext>(() => ({
    ...queue,
    mutationFn: (input) => send('add', input),
    onMutate: async (input) => {
      const refetchAfter = await lists.hold(input.listId);
      // Filed where the server will most likely file it (a common item's usual
      // category), so the row does not jump to another group, and lose an
      // editor open on it, when the add is confirmed.
      const category = input.category === undefined ? guessCategory(input.name, lists.categoriesOf(input.listId)) : input.category;
      lists.update(input.listId, (current) => [...current, optimisticItem({ ...input, category, clientId: input.clientId ?? '' }, meId())]);
      return { what: changeLabels.add(input.name).todo, listId: input.listId, refetchAfter };
    },
    onSuccess: (item, input) => sync.added(item, input.clientId, true),
    onError: (error, input, context) => {
      const pendingId = pendingItemId(input.clientId ?? '');
      edits.forget(pendingId);
      lists.update(input.listId, (current) => withoutItems(current, [pendingId]));
      recordRefusal(queryClient, error, context?.what ?? changeLabels.add(input.name).todo, 'add', input);
    },
    onSettled: (_item, _error, _input, context) => settle(context),
  }));
}
