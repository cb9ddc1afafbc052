import { useQueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import type { ShoppingItem } from '../../../shared/types';
import { useToasts } from '../../components/toasts';
import { describeError, errorCode } from '../../lib/api-errors';
import { newClientId } from '../../lib/client-id';
import { trpc } from '../../lib/trpc';
import { mergeServerItem, mergeUpdatedItem, optimisticItem, pendingItemId, replaceItem, withoutItems } from './item-cache';
import { pendingEditsOf, type ItemPatch } from './pending-edits';

/**
 * One queue for every change to the lists: changes reach the server in the
 * order they were made, also when a queue built up offline is sent on
 * reconnect (tick, then untick, must not arrive the other way round).
 */
const SHOPPING_SCOPE = { id: 'shopping' };

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
 * Add, edit, tick, remove and clear, each shown at once (optimistic) and sent
 * with a fresh `clientId`. The server's answer or our own event echo,
 * whichever comes first, settles the change; a refusal rolls it back and says
 * why.
 */
export function useItemMutations(listId: string, meId: string) {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const edits = pendingEditsOf(queryClient);
  const toasts = useToasts();
  const items = utils.shopping.items.getByList;
  const setItems = (update: (items: ShoppingItem[]) => ShoppingItem[]) => items.setData({ listId }, (old) => old && update(old));
  const findItem = (itemId: string) => items.getData({ listId })?.find((item) => item.id === itemId);

  /**
   * A refetch of the list still in flight would land on top of the change we
   * are about to show and wipe it, so it is cancelled, and made again once
   * the change is settled (it may have been a `sync:reset` refetch that must
   * happen). Returns the mutation's context.
   */
  const holdRefetch = async () => {
    const fetching = queryClient.isFetching({ queryKey: getQueryKey(trpc.shopping.items.getByList, { listId }, 'query') }) > 0;
    if (fetching) await items.cancel({ listId });
    return { refetchAfter: fetching };
  };
  const settle = (context: { refetchAfter: boolean } | undefined) => {
    if (context?.refetchAfter) void items.invalidate({ listId });
  };

  const add = trpc.shopping.items.add.useMutation({
    scope: SHOPPING_SCOPE,
    // While the list is still loading there is nothing to add the row to;
    // the load, or the add's own event, brings it.
    onMutate: async (input) => {
      const context = await holdRefetch();
      setItems((current) => [...current, optimisticItem({ ...input, clientId: input.clientId ?? '' }, meId)]);
      return context;
    },
    onSettled: (_item, _error, _input, context) => settle(context),
    onSuccess: (item, input) => setItems((current) => mergeServerItem(current, edits.receive(item, input.clientId), input.clientId)),
    onError: (error, input) => {
      setItems((current) => withoutItems(current, [pendingItemId(input.clientId ?? '')]));
      toasts.show(`“${input.name}” was not added. ${describeError(error)}`, 'error');
    },
  });

  const update = trpc.shopping.items.update.useMutation({
    scope: SHOPPING_SCOPE,
    onMutate: async (input) => {
      const context = await holdRefetch();
      const current = findItem(input.itemId);
      if (current) setItems((list) => replaceItem(list, edits.begin(current, input.clientId ?? '', patchOf(input, meId))));
      return context;
    },
    onSettled: (_item, _error, _input, context) => settle(context),
    // Someone may have removed the item while our change was on its way.
    onSuccess: (item, input) => setItems((current) => mergeUpdatedItem(current, edits.receive(item, input.clientId), input.clientId)),
    onError: (error, input) => {
      const shown = edits.fail(input.itemId, input.clientId ?? '');
      if (errorCode(error) === 'NOT_FOUND') {
        setItems((current) => withoutItems(current, [input.itemId]));
        toasts.show('That item was removed by someone else.', 'error');
        return;
      }
      if (shown) setItems((current) => replaceItem(current, shown));
      toasts.show(`Your change to “${shown?.name ?? 'the item'}” was not saved. ${describeError(error)}`, 'error');
    },
  });

  const remove = trpc.shopping.items.remove.useMutation({
    scope: SHOPPING_SCOPE,
    onMutate: async (input) => {
      const context = await holdRefetch();
      const removed = findItem(input.itemId);
      edits.forget(input.itemId);
      setItems((current) => withoutItems(current, [input.itemId]));
      return { ...context, removed: removed ? [removed] : [] };
    },
    onSettled: (_result, _error, _input, context) => settle(context),
    onError: (error, _input, context) => restore(error, context?.removed ?? []),
  });

  const clearChecked = trpc.shopping.items.clearChecked.useMutation({
    scope: SHOPPING_SCOPE,
    onMutate: async () => {
      const context = await holdRefetch();
      const removed = items.getData({ listId })?.filter((item) => item.checked) ?? [];
      setItems((current) => withoutItems(current, removed.map((item) => item.id)));
      return { ...context, removed };
    },
    onSettled: (_result, _error, _input, context) => settle(context),
    onError: (error, _input, context) => restore(error, context?.removed ?? []),
  });

  /** A refused removal puts the items back, unless the server says they are gone anyway. */
  function restore(error: unknown, removed: ShoppingItem[]) {
    if (errorCode(error) === 'NOT_FOUND') return;
    setItems((current) => removed.reduce((list, item) => mergeServerItem(list, item), current));
    const [only] = removed;
    const what = removed.length === 1 && only ? `“${only.name}”` : `${removed.length} items`;
    toasts.show(`${what} could not be removed. ${describeError(error)}`, 'error');
  }

  return {
    add: (draft: ItemDraft) => add.mutate({ listId, ...draft, clientId: newClientId() }),
    edit: (itemId: string, changes: ItemChanges) => {
      if (Object.keys(changes).length > 0) update.mutate({ itemId, ...changes, clientId: newClientId() });
    },
    setChecked: (itemId: string, checked: boolean) => update.mutate({ itemId, checked, clientId: newClientId() }),
    remove: (itemId: string) => remove.mutate({ itemId, clientId: newClientId() }),
    clearChecked: () => clearChecked.mutate({ listId, clientId: newClientId() }),
  };
}

/** What an update changes on screen; ticking also records who ticked it. */
function patchOf(input: ItemChanges & { checked?: boolean }, meId: string): ItemPatch {
  const patch: ItemPatch = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.quantity !== undefined) patch.quantity = input.quantity;
  if (input.unit !== undefined) patch.unit = input.unit?.trim() || null;
  if (input.note !== undefined) patch.note = input.note?.trim() || null;
  if (input.category !== undefined) patch.category = input.category?.trim() || null;
  if (input.checked !== undefined) {
    patch.checked = input.checked;
    patch.checkedBy = input.checked ? meId : null;
    patch.checkedAt = input.checked ? new Date().toISOString() : null;
  }
  return patch;
}
