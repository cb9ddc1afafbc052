import { asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { ShoppingList } from '../../../shared/types';
import { requireMembership } from '../../auth/membership';
import type { Db } from '../../db/client';
import { countRows } from '../../db/count-rows';
import { insertionOrder } from '../../db/insertion-order';
import { shoppingLists } from '../../db/schema';
import type { ServiceDeps } from '../../deps';
import { enforceLimit } from '../../limits';
import type { Commit } from '../../events/commit';
import { requireList } from './shopping-access';
import { toList } from './shopping-views';
import { DomainError } from '../../domain-error';

export function listsOfHousehold(db: Db, householdId: string): ShoppingList[] {
  return db
    .select()
    .from(shoppingLists)
    .where(eq(shoppingLists.householdId, householdId))
    .orderBy(asc(shoppingLists.createdAt), insertionOrder)
    .all()
    .map(toList);
}

export function createList(deps: ServiceDeps, commit: Commit, input: { householdId: string; name: string }): Promise<ShoppingList> {
  return commit((tx, emit, actor) => {
    requireMembership(tx, input.householdId, actor.userId);
    const max = deps.config.limits.listsPerHousehold;
    const lists = countRows(tx, shoppingLists, eq(shoppingLists.householdId, input.householdId));
    enforceLimit(lists, max, `This household already has ${max} lists, the most it can have: remove one first.`);
    const now = Date.now();
    const row = tx
      .insert(shoppingLists)
      .values({ id: randomUUID(), householdId: input.householdId, name: input.name, createdAt: now, updatedAt: now })
      .returning()
      .get();
    const list = toList(row);
    emit(list.householdId, { type: 'shopping:list:created', list });
    return list;
  });
}

export function renameList(commit: Commit, input: { listId: string; name: string }): Promise<ShoppingList> {
  return commit((tx, emit, actor) => {
    requireList(tx, input.listId, actor.userId);
    const row = tx
      .update(shoppingLists)
      .set({ name: input.name, updatedAt: Date.now() })
      .where(eq(shoppingLists.id, input.listId))
      .returning()
      .get();
    const list = toList(row);
    emit(list.householdId, { type: 'shopping:list:updated', list });
    return list;
  });
}

/** Removes a list with its items; a household always keeps at least one list. */
export function removeList(commit: Commit, input: { listId: string }): Promise<void> {
  return commit((tx, emit, actor) => {
    const list = requireList(tx, input.listId, actor.userId);
    if (countRows(tx, shoppingLists, eq(shoppingLists.householdId, list.householdId)) <= 1) {
      throw new DomainError('conflict', 'A household keeps at least one list: create another before removing this one.');
    }
    tx.delete(shoppingLists).where(eq(shoppingLists.id, list.id)).run();
    emit(list.householdId, { type: 'shopping:list:removed', listId: list.id });
  });
}
