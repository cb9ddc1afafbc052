import { useMutation } from '@tanstack/react-query';
import type { ShoppingItem } from '../../../shared/types';
import { newClientId } from '../../lib/client-id';
import { trpc } from '../../lib/trpc';
import { changeLabels } from './change-labels';
import { ITEM_MUTATION_KEYS, type ItemInputs, type ItemMutation, type ItemOutputs } from './item-mutation-defaults';
import { undoEdit } from './item-undo';
import { useUndo } from './use-undo';

/** A new item as the user described it; the category, when left out, is the one the name had last time. */
export interface ItemDraft {
  name: string;
  quantity: number | null;
  unit?: string | null;
  note: string | null;
  category?: string | null;
}

/**
 * The fields an edit changed, and only those: two people editing different
 * fields of one item at once both keep their change.
 */
export type ItemChanges = Partial<Pick<ShoppingItem, 'name' | 'quantity' | 'unit' | 'note' | 'category'>>;

/**
 * Add, edit, tick, remove and clear, each shown at once and queued in the
 * outbox with a fresh `clientId` (see item-mutation-defaults.ts for what
 * happens to it). Ticks, edits and removals can be undone.
 */
export function useItemMutations(listId: string) {
  const utils = trpc.useUtils();
  const undo = useUndo();
  const add = useOutbox('add');
  const update = useOutbox('update');
  const remove = useOutbox('remove');
  const clearChecked = useOutbox('clearChecked');
  const restore = useOutbox('restore');
  // As shown, with our own pending changes: an undo goes back to what the person saw.
  const shown = (itemId: string) => utils.shopping.items.getByList.getData({ listId })?.find((item) => item.id === itemId);
  const bringBack = (itemIds: string[]) => restore({ listId, itemIds, clientId: newClientId() });

  return {
    add: (draft: ItemDraft) => add({ listId, ...draft, clientId: newClientId() }),
    edit: (itemId: string, changes: ItemChanges) => {
      if (Object.keys(changes).length === 0) return;
      const before = shown(itemId);
      update({ itemId, ...changes, clientId: newClientId() });
      if (before) undo.offer(changeLabels.edit(before.name).done, () => update({ ...undoEdit(before, changes), clientId: newClientId() }));
    },
    setChecked: (itemId: string, checked: boolean) => {
      const before = shown(itemId);
      update({ itemId, checked, clientId: newClientId() });
      if (before) undo.offer(changeLabels.tick(before.name, checked).done, () => update({ itemId, checked: !checked, clientId: newClientId() }));
    },
    remove: (itemId: string) => {
      const before = shown(itemId);
      remove({ itemId, clientId: newClientId() });
      if (before) undo.offer(changeLabels.remove(before.name).done, () => bringBack([itemId]));
    },
    clearChecked: () => {
      const checked = utils.shopping.items.getByList.getData({ listId })?.filter((item) => item.checked) ?? [];
      clearChecked({ listId, clientId: newClientId() });
      if (checked.length > 0) undo.offer(changeLabels.clearChecked(checked.length).done, () => bringBack(checked.map((item) => item.id)));
    },
  };
}

/** Queues a change in the outbox; its `mutationFn` and cache updates come from the mutation defaults. */
function useOutbox<K extends ItemMutation>(mutation: K): (input: ItemInputs[K]) => void {
  return useMutation<ItemOutputs[K], unknown, ItemInputs[K]>({ mutationKey: ITEM_MUTATION_KEYS[mutation] }).mutate;
}
