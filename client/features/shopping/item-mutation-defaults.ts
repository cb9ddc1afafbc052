import type { MutationKey, QueryClient } from '@tanstack/react-query';
import { getMutationKey } from '@trpc/react-query';
import type { RouterInputs, RouterOutputs } from '../../../shared/api';
import type { ShoppingItem } from '../../../shared/types';
import { describeError, errorCode } from '../../lib/api-errors';
import { OUTBOX_SCOPE } from '../../lib/outbox';
import { outboxRetry, outboxRetryDelay } from '../../lib/query-client';
import { createQueryUtils, trpc, type ApiClient } from '../../lib/trpc';
import { recordUnsaved } from '../../lib/unsaved-changes';
import { changeLabels } from './change-labels';
import { confirmedItemId, rememberConfirmedAdd, requireConfirmedItemId, UnconfirmedItemError } from './confirmed-adds';
import { isPendingItem, mergeServerItem, mergeUpdatedItem, optimisticItem, pendingItemId, replaceItem, withoutItems } from './item-cache';
import { listCacheOf } from './list-cache';
import { guessCategory } from '../../../shared/category-guesses';
import { patchOf, pendingEditsOf, type ItemPatch } from './pending-edits';
import { removedItemsOf } from './removed-items';

export type ItemInputs = RouterInputs['shopping']['items'];
export type ItemOutputs = RouterOutputs['shopping']['items'];
export type ItemMutation = 'add' | 'update' | 'remove' | 'clearChecked' | 'restore';

export const ITEM_MUTATION_KEYS: Record<ItemMutation, MutationKey> = {
  add: getMutationKey(trpc.shopping.items.add),
  update: getMutationKey(trpc.shopping.items.update),
  remove: getMutationKey(trpc.shopping.items.remove),
  clearChecked: getMutationKey(trpc.shopping.items.clearChecked),
  restore: getMutationKey(trpc.shopping.items.restore),
};

/**
 * What `onMutate` leaves for the answer. It is stored with the change, so it
 * also serves a change resumed after a reload, whose `onMutate` does not run
 * again (its optimistic rows were stored with the lists).
 */
interface Context {
  /** The change in words, for the "not saved" notice. */
  what: string;
  listId: string | null;
  refetchAfter: boolean;
}
interface UpdateContext extends Context {
  /** The server's copy the edit was shown on, and the edit: enough to show it again after a reload. */
  base: ShoppingItem | null;
  patch: ItemPatch;
}
interface RemovalContext extends Context {
  removed: ShoppingItem[];
}

/** Only when `onMutate` itself failed is there no better word for it. */
const SOME_CHANGE = 'A change to the list';

/** Codes where the same change can succeed later (a full list, once cleared); the others will not change. */
const WORTH_ANOTHER_TRY = new Set(['CONFLICT', 'INTERNAL_SERVER_ERROR', 'TIMEOUT']);

/**
 * The outbox's behaviour for each item mutation, registered as mutation
 * defaults keyed by tRPC's mutation keys: functions are not persisted, so a
 * change restored after a reload gets its `mutationFn` and its cache updates
 * from here. Every change is shown at once (optimistic) and carries the
 * `clientId` it was made with, so a retry is applied once. The server's
 * answer or our own event echo, whichever comes first, settles it; a refusal
 * rolls it back and is recorded as unsaved, never dropped silently.
 */
export function registerItemMutationDefaults(queryClient: QueryClient, client: ApiClient): { restored(): void } {
  const utils = createQueryUtils(queryClient, client);
  const lists = listCacheOf(queryClient, utils);
  const edits = pendingEditsOf(queryClient);
  const removed = removedItemsOf(queryClient);
  const meId = () => utils.me.get.getData()?.user.id ?? '';
  const nameOf = (itemId: string) => lists.find(itemId)?.name ?? 'an item';
  const refused = (error: unknown, what: string, mutation: ItemMutation, variables: Record<string, unknown>) =>
    recordUnsaved(queryClient, {
      what,
      reason: describeError(error),
      retry: WORTH_ANOTHER_TRY.has(errorCode(error) ?? '') ? { mutationKey: ITEM_MUTATION_KEYS[mutation], variables } : null,
    });
  // A row removed while its add was on its way comes back under the id the add was given, not as a second row beside it.
  const putBack = (listId: string | null, items: ShoppingItem[]) => {
    const asConfirmed = (item: ShoppingItem) => ({ ...item, id: confirmedItemId(queryClient, item.id) ?? item.id });
    if (listId) lists.update(listId, (current) => items.reduce((list, item) => mergeServerItem(list, asConfirmed(item)), current));
  };
  const removeRows = async (listId: string | null, rows: () => ShoppingItem[]) => {
    const refetchAfter = listId ? await lists.hold(listId) : false;
    const gone = rows();
    removed.keep(gone);
    for (const item of gone) edits.forget(item.id);
    if (listId) lists.update(listId, (current) => withoutItems(current, gone.map((item) => item.id)));
    return { listId, refetchAfter, removed: gone };
  };
  const settle = (context: Context | undefined) => lists.settle(context?.listId ?? null, context?.refetchAfter);
  // Every change runs in the one ordered queue, and waits until the server has it, not just a few tries (see createQueryClient).
  const outbox = { scope: OUTBOX_SCOPE, retry: outboxRetry(queryClient), retryDelay: outboxRetryDelay };

  utils.shopping.items.add.setMutationDefaults<Context>(({ canonicalMutationFn }) => ({
    ...outbox,
    mutationFn: canonicalMutationFn,
    onMutate: async (input) => {
      const refetchAfter = await lists.hold(input.listId);
      // Filed where the server will most likely file it (a common item's usual
      // category), so the row does not jump to another group, and lose an
      // editor open on it, when the add is confirmed.
      const category = input.category === undefined ? guessCategory(input.name, lists.categoriesOf(input.listId)) : input.category;
      lists.update(input.listId, (current) => [...current, optimisticItem({ ...input, category, clientId: input.clientId ?? '' }, meId())]);
      return { what: changeLabels.add(input.name).todo, listId: input.listId, refetchAfter };
    },
    onSuccess: (item, input) => {
      if (input.clientId) rememberConfirmedAdd(queryClient, input.clientId, item.id);
      // Removed before its add went through: the removal queued behind it takes it away on the server too.
      if (removed.has(pendingItemId(input.clientId ?? ''))) return;
      lists.update(item.listId, (current) => mergeServerItem(current, edits.receive(item, input.clientId), input.clientId));
    },
    onError: (error, input, context) => {
      const pendingId = pendingItemId(input.clientId ?? '');
      edits.forget(pendingId);
      lists.update(input.listId, (current) => withoutItems(current, [pendingId]));
      refused(error, context?.what ?? changeLabels.add(input.name).todo, 'add', input);
    },
    onSettled: (_item, _error, _input, context) => settle(context),
  }));

  utils.shopping.items.update.setMutationDefaults<UpdateContext>(({ canonicalMutationFn }) => ({
    ...outbox,
    mutationFn: (input, context) => canonicalMutationFn({ ...input, itemId: requireConfirmedItemId(queryClient, input.itemId) }, context),
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
    // Someone may have removed the item while our change was on its way.
    onSuccess: (item, input) => lists.update(item.listId, (current) => mergeUpdatedItem(current, edits.receive(item, input.clientId), input.clientId)),
    onError: (error, input, context) => {
      const itemId = confirmedItemId(queryClient, input.itemId) ?? input.itemId;
      const shown = edits.fail(itemId, input.clientId ?? '');
      const listId = context?.listId ?? null;
      // Removed meanwhile: the row goes, and the notice says what became of the change.
      if (listId && errorCode(error) === 'NOT_FOUND') lists.update(listId, (current) => withoutItems(current, [itemId]));
      else if (listId && shown) lists.update(listId, (current) => replaceItem(current, shown));
      // The add was refused, and that is the one notice.
      if (error instanceof UnconfirmedItemError) return;
      refused(error, context?.what ?? SOME_CHANGE, 'update', input);
    },
    onSettled: (_item, _error, _input, context) => settle(context),
  }));

  utils.shopping.items.remove.setMutationDefaults<RemovalContext>(({ canonicalMutationFn }) => ({
    ...outbox,
    mutationFn: (input, context) => canonicalMutationFn({ ...input, itemId: requireConfirmedItemId(queryClient, input.itemId) }, context),
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
      refused(error, context?.what ?? SOME_CHANGE, 'remove', input);
    },
    onSettled: (_result, _error, _input, context) => settle(context),
  }));

  utils.shopping.items.clearChecked.setMutationDefaults<RemovalContext>(({ canonicalMutationFn }) => ({
    ...outbox,
    mutationFn: canonicalMutationFn,
    onMutate: async (input) => {
      const removal = await removeRows(input.listId, () => lists.items(input.listId)?.filter((item) => item.checked) ?? []);
      return { what: changeLabels.clearChecked(removal.removed.length).todo, ...removal };
    },
    // Items someone else ticked just before are cleared too; their events say so, and this is sooner.
    onSuccess: (result, input) => lists.update(input.listId, (current) => withoutItems(current, result.removedItemIds)),
    onError: (error, input, context) => {
      // The list is gone, and its items with it.
      if (errorCode(error) === 'NOT_FOUND') return;
      putBack(input.listId, context?.removed ?? []);
      refused(error, context?.what ?? SOME_CHANGE, 'clearChecked', input);
    },
    onSettled: (_result, _error, _input, context) => settle(context),
  }));

  utils.shopping.items.restore.setMutationDefaults<RemovalContext>(({ canonicalMutationFn }) => ({
    ...outbox,
    // A row whose add never went through has nothing to bring back.
    mutationFn: (input, context) => {
      const itemIds = input.itemIds.flatMap((itemId) => confirmedItemId(queryClient, itemId) ?? []);
      if (itemIds.length === 0) throw new UnconfirmedItemError();
      return canonicalMutationFn({ ...input, itemIds }, context);
    },
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
      const shown = input.itemIds.flatMap((itemId) => [itemId, confirmedItemId(queryClient, itemId) ?? itemId]);
      lists.update(input.listId, (current) => withoutItems(current, shown));
      // The add was refused, and that is the one notice.
      if (error instanceof UnconfirmedItemError) return;
      refused(error, context?.what ?? SOME_CHANGE, 'restore', input);
    },
    onSettled: (_result, _error, _input, context) => settle(context),
  }));

  return {
    /** Edits restored from storage are shown on top of what the server sends next, as before the reload. */
    restored() {
      for (const mutation of queryClient.getMutationCache().findAll({ mutationKey: ITEM_MUTATION_KEYS.update, status: 'pending' })) {
        const context = mutation.state.context as UpdateContext | undefined;
        const input = mutation.state.variables as ItemInputs['update'] | undefined;
        if (context?.base && input) edits.begin(context.base, input.clientId ?? '', context.patch);
      }
    },
  };
}

function updateLabel(input: ItemInputs['update'], name: string): string {
  return (input.checked !== undefined ? changeLabels.tick(name, input.checked) : changeLabels.edit(name)).todo;
}
