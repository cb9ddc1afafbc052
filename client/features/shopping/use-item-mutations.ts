import { useMutation } from '@tanstack/react-query';
import { newClientId } from '../../lib/client-id';
import type { QueuedChange } from '../../lib/outbox';
import { trpc } from '../../lib/trpc';
import { changeLabels } from './change-labels';
import type { ItemDraft, ItemEdit } from './item-changes';
import { ITEM_MUTATION_KEYS, type ItemInputs, type ItemMutation, type ItemOutputs } from './item-mutation-keys';
import { undoEdit } from './item-undo';
import { useUndo } from './use-undo';

/**
 * Add, edit, tick, remove and clear, each queued in the outbox with a fresh
 * `clientId`. Ticks, edits and removals can be undone.
 *
 * What happens to a change (shown at once, sent in order, settled, rolled
 * back) is not here: it lives in the mutation defaults registered for each
 * key, `registerItemMutationDefaults` in item-mutation-defaults.ts, so that a
 * change resumed after a reload behaves the same.
 */
export function useItemMutations(listId: string) {
  const utils = trpc.useUtils();
  const undo = useUndo();
  const add = useOutbox('add');
  const update = useOutbox('update');
  const remove = useOutbox('remove');
  const clearChecked = useOutbox('clearChecked');
  // As shown, with our own pending changes: an undo goes back to what the person saw.
  const itemAsShown = (itemId: string) => utils.shopping.items.getByList.getData({ listId })?.find((item) => item.id === itemId);
  const bringBack = (itemIds: string[]) => undoing('restore', { listId, itemIds });

  return {
    add: (draft: ItemDraft) => add({ listId, ...draft, clientId: newClientId() }),
    edit: (itemId: string, changes: ItemEdit) => {
      if (Object.keys(changes).length === 0) return;
      const before = itemAsShown(itemId);
      update({ itemId, ...changes, clientId: newClientId() });
      if (before) undo.offer(changeLabels.edit(before.name).done, undoing('update', undoEdit(before, changes)));
    },
    setChecked: (itemId: string, checked: boolean) => {
      const before = itemAsShown(itemId);
      update({ itemId, checked, clientId: newClientId() });
      if (before) undo.offer(changeLabels.tick(before.name, checked).done, undoing('update', { itemId, checked: !checked }));
    },
    remove: (itemId: string) => {
      const before = itemAsShown(itemId);
      remove({ itemId, clientId: newClientId() });
      if (before) undo.offer(changeLabels.remove(before.name).done, bringBack([itemId]));
    },
    clearChecked: () => {
      const checked = utils.shopping.items.getByList.getData({ listId })?.filter((item) => item.checked) ?? [];
      clearChecked({ listId, clientId: newClientId() });
      if (checked.length > 0) undo.offer(changeLabels.clearChecked(checked.length).done, bringBack(checked.map((item) => item.id)));
    },
  };
}

/** The change that undoes an action, as data: the undo history is stored, and a reload keeps it. */
function undoing<K extends ItemMutation>(mutation: K, variables: Omit<ItemInputs[K], 'clientId'>): QueuedChange {
  return { mutationKey: ITEM_MUTATION_KEYS[mutation], variables };
}

/** Queues a change in the outbox; its `mutationFn` and cache updates come from the mutation defaults. */
function useOutbox<K extends ItemMutation>(mutation: K): (input: ItemInputs[K]) => void {
  return useMutation<ItemOutputs[K], unknown, ItemInputs[K]>({ mutationKey: ITEM_MUTATION_KEYS[mutation] }).mutate;
}
