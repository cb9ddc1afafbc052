import { and, asc, count, eq, inArray, isNull, sql, type SQLWrapper } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { addedDetails } from '../../../shared/item-add';
import { itemNameKey } from '../../../shared/item-text';
import type { ItemField, ShoppingItem } from '../../../shared/types';
import type { Db, Tx } from '../../db/client';
import { insertionOrder } from '../../db/insertion-order';
import { countRows } from '../../db/count-rows';
import { preparedQuery } from '../../db/prepared';
import { shoppingItems } from '../../db/schema';
import type { ServiceDeps } from '../../deps';
import type { Actor } from '../../events/actor';
import type { Commit } from '../../events/commit';
import { enforceLimit } from '../../limits';
import { mergeChanges, type IncomingItem, type MergeChanges } from './item-merge';
import { categoryForAdd } from './category-for-add';
import { rememberAdded, rememberUpdate } from './item-memory';
import { requireItem, requireList, type ItemRow, type ListRow } from './shopping-access';
import { toItem } from './shopping-views';
import { DomainError } from '../../domain-error';

export interface ItemChanges {
  name?: string;
  quantity?: number | null;
  unit?: string | null;
  note?: string | null;
  category?: string | null;
  checked?: boolean;
}

/** Items on a list: removed ones wait hidden for an undo and are not counted or shown. */
const onList = (listId: string | SQLWrapper) => and(eq(shoppingItems.listId, listId), isNull(shoppingItems.removedAt));

const countItemsOfList = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(shoppingItems)
    .where(onList(sql.placeholder('listId')))
    .prepare(),
);

const selectUntickedByName = preparedQuery((db) =>
  db
    .select()
    .from(shoppingItems)
    .where(and(onList(sql.placeholder('listId')), eq(shoppingItems.nameKey, sql.placeholder('nameKey')), eq(shoppingItems.checked, false)))
    .orderBy(asc(shoppingItems.createdAt), insertionOrder)
    .prepare(),
);

const insertItem = preparedQuery((db) =>
  db
    .insert(shoppingItems)
    .values({
      id: sql.placeholder('id'),
      listId: sql.placeholder('listId'),
      name: sql.placeholder('name'),
      nameKey: sql.placeholder('nameKey'),
      quantity: sql.placeholder('quantity'),
      unit: sql.placeholder('unit'),
      note: sql.placeholder('note'),
      category: sql.placeholder('category'),
      addedBy: sql.placeholder('addedBy'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning()
    .prepare(),
);

export function itemsOfList(db: Db, listId: string): ShoppingItem[] {
  return db.select().from(shoppingItems).where(onList(listId)).orderBy(asc(shoppingItems.createdAt), insertionOrder).all().map(toItem);
}

function itemCount(tx: Tx, listId: string): number {
  return countItemsOfList(tx).get({ listId })?.n ?? 0;
}

function enforceItemsPerList(deps: ServiceDeps, tx: Tx, list: ListRow, adding: number): void {
  const max = deps.config.limits.itemsPerList;
  const current = itemCount(tx, list.id);
  // A restore of several items can be refused while the list still has room for some: say how much.
  const room = max - current;
  const message =
    room <= 0
      ? `"${list.name}" already has ${max} items, the most a list can hold: clear checked items or start another list.`
      : `"${list.name}" has room for ${room} more ${room === 1 ? 'item' : 'items'}, not ${adding}: a list holds at most ${max}. Clear checked items or start another list.`;
  enforceLimit(current, max, message, adding);
}

/**
 * Adds an item; with `merge`, a name already on the list unticked gets the
 * new quantity added to it instead of a second row. The category, unless
 * given, is the one this name had last time. With a `clientId` the call is
 * idempotent: a retry gets the first call's answer and announces nothing new.
 */
export function addItem(
  deps: ServiceDeps,
  commit: Commit,
  input: { listId: string; name: string; quantity?: number | null; unit?: string | null; note?: string | null; category?: string | null; merge?: boolean },
): Promise<ShoppingItem> {
  return commit((tx, emit, actor) => {
    const list = requireList(tx, input.listId, actor.userId);
    const nameKey = itemNameKey(input.name);
    const incoming: IncomingItem = {
      ...addedDetails(input),
      category: input.category !== undefined ? input.category : categoryForAdd(tx, list.householdId, { nameKey, name: input.name }),
    };
    rememberAdded(tx, list.householdId, { nameKey, name: input.name, category: incoming.category, unit: incoming.unit });

    // The name can wait unticked in several rows ("1 l milk", "500 ml milk"): the add joins the first it adds up with.
    const candidates = input.merge !== false ? selectUntickedByName(tx).all({ listId: list.id, nameKey }) : [];
    let existing: ItemRow | undefined;
    let merge: MergeChanges | null = null;
    for (const candidate of candidates) {
      merge = mergeChanges(candidate, incoming);
      if (merge) {
        existing = candidate;
        break;
      }
    }
    if (existing && merge) {
      const fields = Object.keys(merge) as ItemField[];
      if (fields.length === 0) return toItem(existing);
      const item = writeChanges(tx, existing, merge, actor);
      emit(list.householdId, { type: 'shopping:item:updated', listId: list.id, item, fields, merged: true });
      return item;
    }

    enforceItemsPerList(deps, tx, list, 1);
    const now = Date.now();
    const row = insertItem(tx).get({ id: randomUUID(), listId: list.id, name: input.name, nameKey, ...incoming, addedBy: actor.userId, createdAt: now, updatedAt: now });
    if (!row) throw new Error('The item insert returned no row.');
    const item = toItem(row);
    emit(list.householdId, { type: 'shopping:item:added', listId: list.id, item, reason: 'added' });
    return item;
  });
}

/**
 * Sets only the fields given, so two members changing different fields of
 * one item both keep their change; on the same field the later one wins, and
 * the event says who changed which fields. Ticking records who and when.
 * Every change bumps `version`; a call that changes nothing bumps nothing.
 */
export function updateItem(commit: Commit, { itemId, name, quantity, unit, note, category, checked }: { itemId: string } & ItemChanges): Promise<ShoppingItem> {
  // Named one by one: the call's input carries more than the item's fields (its clientId).
  const changes: ItemChanges = { name, quantity, unit, note, category, checked };
  if (Object.values(changes).every((value) => value === undefined)) {
    throw new DomainError('invalid', 'Nothing to update: give at least one of name, quantity, unit, note, category or checked.');
  }
  return commit((tx, emit, actor) => {
    const { item: current, list } = requireItem(tx, itemId, actor.userId);
    const wanted: ItemChanges = {
      ...changes,
      ...(changes.note !== undefined ? { note: changes.note || null } : {}),
      // A quantity taken away takes its unit with it ("2 l" → nothing, not "l").
      ...(changes.quantity === null && changes.unit === undefined ? { unit: null } : {}),
    };
    const fields = (Object.keys(wanted) as ItemField[]).filter((field) => wanted[field] !== undefined && wanted[field] !== current[field]);
    if (fields.length === 0) return toItem(current);

    const now = Date.now();
    const set: Partial<ItemRow> = Object.fromEntries(fields.map((field) => [field, wanted[field]]));
    if (set.name !== undefined) set.nameKey = itemNameKey(set.name);
    if (set.checked !== undefined) Object.assign(set, { checkedBy: set.checked ? actor.userId : null, checkedAt: set.checked ? now : null });
    const item = writeChanges(tx, current, set, actor, now);
    // A new name is a name the household now uses: it joins the memory before what the update teaches about it.
    const nameKey = set.nameKey ?? current.nameKey;
    if (set.nameKey) rememberAdded(tx, list.householdId, { nameKey, name: item.name, category: item.category, unit: item.unit });
    rememberUpdate(tx, list.householdId, nameKey, {
      ...(fields.includes('category') ? { category: item.category } : {}),
      ...(set.checked ? { checkedAt: now } : {}),
    });
    emit(list.householdId, { type: 'shopping:item:updated', listId: list.id, item, fields });
    return item;
  });
}

function writeChanges(tx: Tx, current: ItemRow, set: Partial<ItemRow>, actor: Actor, now = Date.now()): ShoppingItem {
  const row = tx
    .update(shoppingItems)
    .set({ ...set, updatedAt: now, updatedBy: actor.userId, version: current.version + 1 })
    .where(eq(shoppingItems.id, current.id))
    .returning()
    .get();
  return toItem(row);
}

/** Hides the item; `shopping.items.restore` can bring it back until the retention window purges it. */
export function removeItem(commit: Commit, input: { itemId: string }): Promise<{ ok: true }> {
  return commit((tx, emit, actor) => {
    const { item, list } = requireItem(tx, input.itemId, actor.userId);
    markRemoved(tx, [item.id], actor);
    emit(list.householdId, { type: 'shopping:item:removed', listId: list.id, itemId: item.id, name: item.name, reason: 'removed' });
    return { ok: true as const };
  });
}

/** How many items a "clear checked" of the list would remove now, to charge it before it runs. */
export function checkedItemCount(db: Db, listId: string): number {
  return countRows(db, shoppingItems, and(onList(listId), eq(shoppingItems.checked, true)));
}

/** Removes every checked item of a list in one transaction, one `removed` event each. */
export function clearChecked(commit: Commit, input: { listId: string }): Promise<{ removedItemIds: string[] }> {
  return commit((tx, emit, actor) => {
    const list = requireList(tx, input.listId, actor.userId);
    const checked = tx
      .select({ id: shoppingItems.id, name: shoppingItems.name })
      .from(shoppingItems)
      .where(and(onList(list.id), eq(shoppingItems.checked, true)))
      .orderBy(asc(shoppingItems.createdAt), insertionOrder)
      .all();
    markRemoved(
      tx,
      checked.map(({ id }) => id),
      actor,
    );
    for (const { id, name } of checked) emit(list.householdId, { type: 'shopping:item:removed', listId: list.id, itemId: id, name, reason: 'cleared' });
    return { removedItemIds: checked.map(({ id }) => id) };
  });
}

function markRemoved(tx: Tx, itemIds: string[], actor: Actor): void {
  if (itemIds.length === 0) return;
  tx.update(shoppingItems)
    .set({ removedAt: Date.now(), removedBy: actor.userId, version: sql`${shoppingItems.version} + 1` })
    .where(inArray(shoppingItems.id, itemIds))
    .run();
}

/**
 * Undo of a removal or a "clear checked": brings removed items of the list
 * back as they were, announced as added. Items already back are left as they
 * are; NOT_FOUND when none of them can be brought back any more.
 */
export function restoreItems(deps: ServiceDeps, commit: Commit, input: { listId: string; itemIds: string[] }): Promise<{ items: ShoppingItem[] }> {
  return commit((tx, emit, actor) => {
    const list = requireList(tx, input.listId, actor.userId);
    const known = tx
      .select({ id: shoppingItems.id, removedAt: shoppingItems.removedAt })
      .from(shoppingItems)
      .where(and(eq(shoppingItems.listId, list.id), inArray(shoppingItems.id, input.itemIds)))
      .all();
    if (known.length === 0) {
      throw new DomainError('not-found', 'Too late to undo: those items are gone for good (or were never on this list).');
    }
    const restorable = known.filter((row) => row.removedAt !== null).map(({ id }) => id);
    if (restorable.length === 0) return { items: [] };
    enforceItemsPerList(deps, tx, list, restorable.length);
    const rows = tx
      .update(shoppingItems)
      .set({ removedAt: null, removedBy: null, updatedAt: Date.now(), updatedBy: actor.userId, version: sql`${shoppingItems.version} + 1` })
      .where(inArray(shoppingItems.id, restorable))
      .returning()
      .all();
    const items = rows.map(toItem).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const item of items) emit(list.householdId, { type: 'shopping:item:added', listId: list.id, item, reason: 'restored' });
    return { items };
  });
}
