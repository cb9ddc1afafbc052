import { TRPCError } from '@trpc/server';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { ShoppingItem } from '../../../shared/types';
import type { Db } from '../../db/client';
import { insertionOrder } from '../../db/insertion-order';
import { preparedQuery } from '../../db/prepared';
import { shoppingItems } from '../../db/schema';
import type { Actor, ServiceDeps } from '../../deps';
import { enforceLimit } from '../../limits';
import { commitAndPublish } from '../../events/commit';
import { findAddReceipt, saveAddReceipt } from './add-receipts';
import { requireItem, requireList } from './shopping-access';
import { toItem } from './shopping-views';

export interface ItemChanges {
  name?: string;
  quantity?: number | null;
  note?: string | null;
  checked?: boolean;
}

const countItemsOfList = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(shoppingItems)
    .where(eq(shoppingItems.listId, sql.placeholder('listId')))
    .prepare(),
);

const insertItem = preparedQuery((db) =>
  db
    .insert(shoppingItems)
    .values({
      id: sql.placeholder('id'),
      listId: sql.placeholder('listId'),
      name: sql.placeholder('name'),
      quantity: sql.placeholder('quantity'),
      note: sql.placeholder('note'),
      addedBy: sql.placeholder('addedBy'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning()
    .prepare(),
);

export function itemsOfList(db: Db, listId: string): ShoppingItem[] {
  return db
    .select()
    .from(shoppingItems)
    .where(eq(shoppingItems.listId, listId))
    .orderBy(asc(shoppingItems.createdAt), insertionOrder)
    .all()
    .map(toItem);
}

/**
 * Adds an item. With a `clientId` the call is idempotent: a retry (after a
 * dropped response, say) gets the first call's answer and announces nothing
 * new, even if the item was removed meanwhile.
 */
export function addItem(
  deps: ServiceDeps,
  actor: Actor,
  input: { listId: string; name: string; quantity?: number | null; note?: string | null },
): ShoppingItem {
  return commitAndPublish(deps, actor, (tx, emit) => {
    const list = requireList(tx, input.listId, actor.userId);
    const earlier = actor.clientId ? findAddReceipt(tx, actor.userId, actor.clientId) : undefined;
    if (earlier) return earlier;
    const max = deps.config.limits.itemsPerList;
    const items = countItemsOfList(tx).get({ listId: list.id })?.n ?? 0;
    enforceLimit(items, max, `"${list.name}" already has ${max} items, the most a list can hold: clear checked items or start another list.`);
    const now = Date.now();
    const row = insertItem(tx).get({
      id: randomUUID(),
      listId: list.id,
      name: input.name,
      quantity: input.quantity ?? null,
      note: input.note || null,
      addedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    if (!row) throw new Error('The item insert returned no row.');
    const item = toItem(row);
    if (actor.clientId) saveAddReceipt(tx, actor.userId, actor.clientId, item);
    emit(list.householdId, { type: 'shopping:item:added', listId: list.id, item });
    return item;
  });
}

/** Applies only the fields given; checking records who checked it and when. Every update bumps `version`. */
export function updateItem(deps: ServiceDeps, actor: Actor, input: { itemId: string } & ItemChanges): ShoppingItem {
  const { itemId, ...changes } = input;
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Nothing to update: give at least one of name, quantity, note or checked.' });
  }
  return commitAndPublish(deps, actor, (tx, emit) => {
    const { item: current, list } = requireItem(tx, itemId, actor.userId);
    const now = Date.now();
    const checkedChange =
      changes.checked === undefined || changes.checked === current.checked
        ? {}
        : { checked: changes.checked, checkedBy: changes.checked ? actor.userId : null, checkedAt: changes.checked ? now : null };
    const row = tx
      .update(shoppingItems)
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.quantity !== undefined ? { quantity: changes.quantity } : {}),
        ...(changes.note !== undefined ? { note: changes.note || null } : {}),
        ...checkedChange,
        updatedAt: now,
        version: current.version + 1,
      })
      .where(eq(shoppingItems.id, itemId))
      .returning()
      .get();
    const item = toItem(row);
    emit(list.householdId, { type: 'shopping:item:updated', listId: list.id, item });
    return item;
  });
}

export function removeItem(deps: ServiceDeps, actor: Actor, input: { itemId: string }): void {
  commitAndPublish(deps, actor, (tx, emit) => {
    const { item, list } = requireItem(tx, input.itemId, actor.userId);
    tx.delete(shoppingItems).where(eq(shoppingItems.id, item.id)).run();
    emit(list.householdId, { type: 'shopping:item:removed', listId: list.id, itemId: item.id });
  });
}

/** Removes every checked item of a list in one transaction, one `removed` event each. */
export function clearChecked(deps: ServiceDeps, actor: Actor, input: { listId: string }): { removedItemIds: string[] } {
  return commitAndPublish(deps, actor, (tx, emit) => {
    const list = requireList(tx, input.listId, actor.userId);
    const removed = tx
      .delete(shoppingItems)
      .where(and(eq(shoppingItems.listId, list.id), eq(shoppingItems.checked, true)))
      .returning({ id: shoppingItems.id })
      .all();
    for (const { id } of removed) emit(list.householdId, { type: 'shopping:item:removed', listId: list.id, itemId: id });
    return { removedItemIds: removed.map(({ id }) => id) };
  });
}
