import { and, desc, eq, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { ItemSuggestion } from '../../../shared/types';
import type { Db, Tx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { itemMemory, shoppingItems } from '../../db/schema';
import { toIso } from '../../db/timestamps';

const upsertAdded = preparedQuery((db) =>
  db
    .insert(itemMemory)
    .values({
      householdId: sql.placeholder('householdId'),
      nameKey: sql.placeholder('nameKey'),
      name: sql.placeholder('name'),
      category: sql.placeholder('category'),
      unit: sql.placeholder('unit'),
      timesAdded: 1,
      lastAddedAt: sql.placeholder('at'),
    })
    .onConflictDoUpdate({
      target: [itemMemory.householdId, itemMemory.nameKey],
      set: {
        name: sql`excluded.name`,
        category: sql`coalesce(excluded.category, ${itemMemory.category})`,
        unit: sql`coalesce(excluded.unit, ${itemMemory.unit})`,
        timesAdded: sql`${itemMemory.timesAdded} + 1`,
        lastAddedAt: sql`excluded.last_added_at`,
      },
    })
    .prepare(),
);

const selectRemembered = preparedQuery((db) =>
  db
    .select({ category: itemMemory.category })
    .from(itemMemory)
    .where(and(eq(itemMemory.householdId, sql.placeholder('householdId')), eq(itemMemory.nameKey, sql.placeholder('nameKey'))))
    .prepare(),
);

/** The category this name had the last time the household used it. */
export function rememberedCategory(tx: Tx, householdId: string, nameKey: string): string | null {
  return selectRemembered(tx).get({ householdId, nameKey })?.category ?? null;
}

/** An item of this name was put on a list (added or merged into). */
export function rememberAdded(tx: Tx, householdId: string, item: { nameKey: string; name: string; category: string | null; unit: string | null }): void {
  upsertAdded(tx).run({ householdId, nameKey: item.nameKey, name: item.name, category: item.category, unit: item.unit, at: Date.now() });
}

/** What an update teaches: a new category for the name (`null` clears it), when it was ticked off. */
export function rememberUpdate(tx: Tx, householdId: string, nameKey: string, change: { category?: string | null; checkedAt?: number }): void {
  const set = {
    ...(change.category !== undefined ? { category: change.category } : {}),
    ...(change.checkedAt !== undefined ? { lastCheckedAt: change.checkedAt } : {}),
  };
  if (Object.keys(set).length === 0) return;
  tx.update(itemMemory)
    .set(set)
    .where(and(eq(itemMemory.householdId, householdId), eq(itemMemory.nameKey, nameKey)))
    .run();
}

/** Names the household has used that start with `query` (ignoring case), most used first. */
export function suggestNames(db: Db, householdId: string, queryKey: string, limit: number): ItemSuggestion[] {
  const pattern = `${queryKey.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return db
    .select()
    .from(itemMemory)
    .where(and(eq(itemMemory.householdId, householdId), sql`${itemMemory.nameKey} LIKE ${pattern} ESCAPE '\\'`))
    .orderBy(desc(itemMemory.timesAdded), desc(itemMemory.lastAddedAt))
    .limit(limit)
    .all()
    .map(toSuggestion);
}

/**
 * How long a ticked item still in the basket stays out of "Bought lately":
 * the rest of the shopping trip, when offering it again would only be in
 * the way. Once cleared from the list it is offered at once.
 */
export const JUST_TICKED_MS = 10 * 60_000;

/**
 * What was ticked off lately and is not on `listId` to be bought or just
 * bought: the one-tap re-add row. Left out are names waiting unticked on the
 * list and names ticked there within `JUST_TICKED_MS`.
 */
export function recentlyChecked(db: Db, householdId: string, listId: string, limit: number): ItemSuggestion[] {
  const justTicked = Date.now() - JUST_TICKED_MS;
  const onList = db
    .select({ nameKey: shoppingItems.nameKey })
    .from(shoppingItems)
    .where(
      and(
        eq(shoppingItems.listId, listId),
        sql`${shoppingItems.removedAt} IS NULL`,
        or(eq(shoppingItems.checked, false), gt(shoppingItems.checkedAt, justTicked)),
      ),
    );
  return db
    .select()
    .from(itemMemory)
    .where(and(eq(itemMemory.householdId, householdId), isNotNull(itemMemory.lastCheckedAt), sql`${itemMemory.nameKey} NOT IN ${onList}`))
    .orderBy(desc(itemMemory.lastCheckedAt))
    .limit(limit)
    .all()
    .map(toSuggestion);
}

function toSuggestion(row: typeof itemMemory.$inferSelect): ItemSuggestion {
  return { name: row.name, category: row.category, unit: row.unit, lastCheckedAt: row.lastCheckedAt == null ? null : toIso(row.lastCheckedAt) };
}
