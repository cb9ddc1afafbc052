import { errorCode } from '../../lib/api-errors';
import { changeLabels } from './change-labels';
import { confirmedItemId, UnconfirmedItemError } from './confirmed-adds';
import type { EditContext } from './item-mutation-context';
import type { ItemInputs } from './item-mutation-keys';
import { recordRefusal, SOME_CHANGE } from './item-not-saved';
import type { ItemOutbox } from './item-outbox';
import { replaceItem, withoutItems } from './list-rows';
import { patchOf } from './pending-edits';

/**
 * An edit or a tick is shown on top of the server's copy (see pending-edits.ts)
 * until the answer or our own echo confirms it; a refusal takes it off again.
 */
export function registerUpdateDefaults({ queryClient, utils, send, lists, edits, sync, queue, meId, settle }: ItemOutbox): void {
  utils.shopping.items.update.setMutationDefaults<EditContext>(() => ({
    ...queue,
    mutationFn: (input) => send('update', input),
    onMutate: async (input) => {
      const listId = lists.find(input.itemId)?.listId ?? null;
      const refetchAfter = listId ? await lists.hold(listId) : false;
      const current = lists.find(input.itemId);
      const patch = patchOf(input, meId());
      const what = updateLabel(input, current?.name ?? 'an item');
      if (!current) return { what, listId, refetchAfter, base: null, patch };
      lists.update(current.listId, (list) => replaceItem(list, edits.begin(current, input.clientId ?? '', patch)));
      return { what, listId, refetchAfter, base: edits.baseOf(current.id), patch };
    },
    onSuccess: (item, input) => sync.updated(item, input.clientId, true),
    onError: (error, input, context) => {
      const itemId = confirmedItemId(queryClient, input.itemId) ?? input.itemId;
      const withoutThisEdit = edits.fail(itemId, input.clientId ?? '');
      const listId = context?.listId ?? null;
      // Removed meanwhile: the row goes, and the notice says what became of the change.
      if (listId && errorCode(error) === 'NOT_FOUND') lists.update(listId, (current) => withoutItems(current, [itemId]));
      else if (listId && withoutThisEdit) lists.update(listId, (current) => replaceItem(current, withoutThisEdit));
      // The add was refused, and that is the one notice.
      if (error instanceof UnconfirmedItemError) return;
      recordRefusal(queryClient, error, context?.what ?? SOME_CHANGE, 'update', input);
    },
    onSettled: (_item, _error, _input, context) => settle(context),
  }));
}

function updateLabel(input: ItemInputs['update'], name: string): string {
  return (input.checked !== undefined ? changeLabels.tick(name, input.checked) : changeLabels.edit(name)).todo;
}
