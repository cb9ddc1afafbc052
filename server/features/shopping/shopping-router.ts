import { itemNameKey } from '../../../shared/item-text';
import { inputs } from '../../../shared/schemas';
import { commitGrouped } from '../../db/group-commit';
import { authedProcedure, householdProcedure, router } from '../../trpc';
import { recentlyChecked, suggestNames } from './item-memory';
import { addItem, checkedItemCount, clearChecked, itemsOfList, removeItem, restoreItems, updateItem } from './items-service';
import { createList, listsOfHousehold, removeList, renameList } from './lists-service';
import { requireList } from './shopping-access';

const listsRouter = router({
  getByHousehold: householdProcedure.query(({ ctx, input }) => listsOfHousehold(ctx.deps.db, input.householdId)),
  create: authedProcedure.input(inputs.listCreate).mutation(({ ctx, input }) => createList(ctx.deps, ctx.actor, input)),
  rename: authedProcedure.input(inputs.listRename).mutation(({ ctx, input }) => renameList(ctx.deps, ctx.actor, input)),
  remove: authedProcedure.input(inputs.listRef).mutation(({ ctx, input }) => {
    removeList(ctx.deps, ctx.actor, input);
    return { ok: true as const };
  }),
});

/**
 * Item mutations carry the caller's `clientId` into the event, so the caller
 * can recognise its echo. They are the busy path, so they share commits: the
 * item changes that arrive together are made durable with one fsync
 * (`commitGrouped`), each caller answered after it with its own result or error.
 */
const itemsRouter = router({
  getByList: authedProcedure.input(inputs.listRef).query(({ ctx, input }) => {
    requireList(ctx.deps.db, input.listId, ctx.actor.userId);
    return itemsOfList(ctx.deps.db, input.listId);
  }),
  add: authedProcedure.input(inputs.itemAdd).mutation(({ ctx, input: { clientId, ...input } }) =>
    commitGrouped(ctx.deps.db, () => addItem(ctx.deps, { ...ctx.actor, clientId }, input)),
  ),
  update: authedProcedure.input(inputs.itemUpdate).mutation(({ ctx, input: { clientId, ...input } }) =>
    commitGrouped(ctx.deps.db, () => updateItem(ctx.deps, { ...ctx.actor, clientId }, input)),
  ),
  remove: authedProcedure.input(inputs.itemRemove).mutation(({ ctx, input: { clientId, ...input } }) =>
    commitGrouped(ctx.deps.db, () => removeItem(ctx.deps, { ...ctx.actor, clientId }, input)),
  ),
  // A bulk change writes an event per item, and is charged for them before it runs.
  clearChecked: authedProcedure.input(inputs.clearChecked).mutation(async ({ ctx, input: { clientId, ...input } }) => {
    await ctx.deps.rateLimits.mutations.consume(ctx.actor.userId, ctx.deps.rateLimits.bulkCost(checkedItemCount(ctx.deps.db, input.listId)));
    return commitGrouped(ctx.deps.db, () => clearChecked(ctx.deps, { ...ctx.actor, clientId }, input));
  }),
  restore: authedProcedure.input(inputs.itemRestore).mutation(async ({ ctx, input: { clientId, ...input } }) => {
    await ctx.deps.rateLimits.mutations.consume(ctx.actor.userId, ctx.deps.rateLimits.bulkCost(input.itemIds.length));
    return commitGrouped(ctx.deps.db, () => restoreItems(ctx.deps, { ...ctx.actor, clientId }, input));
  }),
  suggest: authedProcedure.input(inputs.itemSuggest).query(({ ctx, input }) => {
    const list = requireList(ctx.deps.db, input.listId, ctx.actor.userId);
    return suggestNames(ctx.deps.db, list.householdId, itemNameKey(input.query), input.limit);
  }),
  recentlyChecked: authedProcedure.input(inputs.recentlyChecked).query(({ ctx, input }) => {
    const list = requireList(ctx.deps.db, input.listId, ctx.actor.userId);
    return recentlyChecked(ctx.deps.db, list.householdId, list.id, input.limit);
  }),
});

export const shoppingRouter = router({ lists: listsRouter, items: itemsRouter });
