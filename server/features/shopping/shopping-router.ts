import { itemNameKey } from '../../../shared/item-text';
import { inputs } from '../../../shared/schemas';
import { authedProcedure, householdProcedure, itemWriteProcedure, router, writeProcedure } from '../../trpc';
import { recentlyChecked, suggestNames } from './item-memory';
import { addItem, checkedItemCount, clearChecked, itemsOfList, removeItem, restoreItems, updateItem } from './items-service';
import { createList, listsOfHousehold, removeList, renameList } from './lists-service';
import { requireList } from './shopping-access';

const listsRouter = router({
  getByHousehold: householdProcedure.query(({ ctx, input }) => listsOfHousehold(ctx.deps.db, input.householdId)),
  create: writeProcedure.input(inputs.listCreate).mutation(({ ctx, input }) => createList(ctx.deps, ctx.commit, input)),
  rename: writeProcedure.input(inputs.listRename).mutation(({ ctx, input }) => renameList(ctx.commit, input)),
  remove: writeProcedure.input(inputs.listRef).mutation(async ({ ctx, input }) => {
    await removeList(ctx.commit, input);
    return { ok: true as const };
  }),
});

/** Item mutations write through `itemWriteProcedure`: applied once per `clientId`, and sharing commits. */
const itemsRouter = router({
  getByList: authedProcedure.input(inputs.listRef).query(({ ctx, input }) => {
    requireList(ctx.deps.db, input.listId, ctx.actor.userId);
    return itemsOfList(ctx.deps.db, input.listId);
  }),
  add: itemWriteProcedure(inputs.itemAdd).mutation(({ ctx, input }) => addItem(ctx.deps, ctx.commit, input)),
  update: itemWriteProcedure(inputs.itemUpdate).mutation(({ ctx, input }) => updateItem(ctx.commit, input)),
  remove: itemWriteProcedure(inputs.itemRemove).mutation(({ ctx, input }) => removeItem(ctx.commit, input)),
  // A bulk change writes an event per item, and is charged for them before it runs.
  clearChecked: itemWriteProcedure(inputs.clearChecked).mutation(async ({ ctx, input }) => {
    await ctx.deps.rateLimits.mutations.consume(ctx.actor.userId, ctx.deps.rateLimits.bulkCost(checkedItemCount(ctx.deps.db, input.listId)));
    return clearChecked(ctx.commit, input);
  }),
  restore: itemWriteProcedure(inputs.itemRestore).mutation(async ({ ctx, input }) => {
    await ctx.deps.rateLimits.mutations.consume(ctx.actor.userId, ctx.deps.rateLimits.bulkCost(input.itemIds.length));
    return restoreItems(ctx.deps, ctx.commit, input);
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
