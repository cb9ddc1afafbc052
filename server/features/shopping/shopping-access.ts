import { and, eq, isNull, sql } from 'drizzle-orm';
import { requireMembership } from '../../auth/membership';
import type { Db, Tx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { shoppingItems, shoppingLists } from '../../db/schema';
import { DomainError } from '../../domain-error';

export type ListRow = typeof shoppingLists.$inferSelect;
export type ItemRow = typeof shoppingItems.$inferSelect;

const selectList = preparedQuery((db) =>
  db
    .select()
    .from(shoppingLists)
    .where(eq(shoppingLists.id, sql.placeholder('listId')))
    .prepare(),
);

const selectItemWithList = preparedQuery((db) =>
  db
    .select({ item: shoppingItems, list: shoppingLists })
    .from(shoppingItems)
    .innerJoin(shoppingLists, eq(shoppingLists.id, shoppingItems.listId))
    .where(and(eq(shoppingItems.id, sql.placeholder('itemId')), isNull(shoppingItems.removedAt)))
    .prepare(),
);

/** The list, if it exists and the caller belongs to its household. */
export function requireList(db: Db | Tx, listId: string, userId: string): ListRow {
  const list = selectList(db).get({ listId });
  if (!list) throw new DomainError('not-found', 'That list does not exist (it may have been removed).');
  requireMembership(db, list.householdId, userId);
  return list;
}

/** The item and its list, if it exists and the caller belongs to its household. */
export function requireItem(db: Db | Tx, itemId: string, userId: string): { item: ItemRow; list: ListRow } {
  const row = selectItemWithList(db).get({ itemId });
  if (!row) throw new DomainError('not-found', 'That item does not exist (it may have been removed).');
  requireMembership(db, row.list.householdId, userId);
  return row;
}
