import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { requireMembership } from '../../auth/membership';
import type { Db, Tx } from '../../db/client';
import { shoppingItems, shoppingLists } from '../../db/schema';

export type ListRow = typeof shoppingLists.$inferSelect;
export type ItemRow = typeof shoppingItems.$inferSelect;

/** The list, if it exists and the caller belongs to its household. */
export function requireList(db: Db | Tx, listId: string, userId: string): ListRow {
  const list = db.select().from(shoppingLists).where(eq(shoppingLists.id, listId)).get();
  if (!list) throw new TRPCError({ code: 'NOT_FOUND', message: 'That list does not exist (it may have been removed).' });
  requireMembership(db, list.householdId, userId);
  return list;
}

/** The item and its list, if it exists and the caller belongs to its household. */
export function requireItem(db: Db | Tx, itemId: string, userId: string): { item: ItemRow; list: ListRow } {
  const row = db
    .select({ item: shoppingItems, list: shoppingLists })
    .from(shoppingItems)
    .innerJoin(shoppingLists, eq(shoppingLists.id, shoppingItems.listId))
    .where(eq(shoppingItems.id, itemId))
    .get();
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'That item does not exist (it may have been removed).' });
  requireMembership(db, row.list.householdId, userId);
  return row;
}
