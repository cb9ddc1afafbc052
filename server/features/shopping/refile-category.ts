import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { itemMemory, shoppingItems, shoppingLists } from '../../db/schema';
import type { Actor } from '../../events/actor';
import type { Emit } from '../../events/commit';
import { toItem } from './shopping-views';

/** Case does not tell categories apart ("dairy" is "Dairy"), as the household's list of them says. */
const inCategory = (column: typeof shoppingItems.category | typeof itemMemory.category, name: string) => sql`lower(${column}) = lower(${name})`;

/**
 * A category renamed from `from` to `to`: the household's items in it move
 * (each announced as updated, so every member's list regroups), and so do the
 * names that remember it, so the next add of one lands under the new name.
 */
export function refileCategory(tx: Tx, emit: Emit, actor: Actor, householdId: string, renamed: { from: string; to: string }): void {
  const lists = tx.select({ id: shoppingLists.id }).from(shoppingLists).where(eq(shoppingLists.householdId, householdId));
  const moved = tx
    .update(shoppingItems)
    .set({ category: renamed.to, updatedAt: Date.now(), updatedBy: actor.userId, version: sql`${shoppingItems.version} + 1` })
    .where(and(inArray(shoppingItems.listId, lists), isNull(shoppingItems.removedAt), inCategory(shoppingItems.category, renamed.from)))
    .returning()
    .all();
  for (const row of moved) emit(householdId, { type: 'shopping:item:updated', listId: row.listId, item: toItem(row), fields: ['category'] });
  // Removed items waiting for an undo move too, unannounced: nobody holds them until they come back.
  tx.update(shoppingItems)
    .set({ category: renamed.to })
    .where(and(inArray(shoppingItems.listId, lists), isNotNull(shoppingItems.removedAt), inCategory(shoppingItems.category, renamed.from)))
    .run();
  tx.update(itemMemory)
    .set({ category: renamed.to })
    .where(and(eq(itemMemory.householdId, householdId), inCategory(itemMemory.category, renamed.from)))
    .run();
}
