import { and, eq, lte, sql } from 'drizzle-orm';
import type { ShoppingItem } from '../../../shared/types';
import type { Db, Tx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { addReceipts } from '../../db/schema';

const selectReceipt = preparedQuery((db) =>
  db
    .select({ item: addReceipts.item })
    .from(addReceipts)
    .where(and(eq(addReceipts.userId, sql.placeholder('userId')), eq(addReceipts.clientId, sql.placeholder('clientId'))))
    .prepare(),
);

const insertReceipt = preparedQuery((db) =>
  db
    .insert(addReceipts)
    .values({ userId: sql.placeholder('userId'), clientId: sql.placeholder('clientId'), item: sql.placeholder('item'), at: sql.placeholder('at') })
    .prepare(),
);

/** What an earlier `add` by this user with this `clientId` answered, if there was one. */
export function findAddReceipt(tx: Tx, userId: string, clientId: string): ShoppingItem | undefined {
  return selectReceipt(tx).get({ userId, clientId })?.item as ShoppingItem | undefined;
}

export function saveAddReceipt(tx: Tx, userId: string, clientId: string, item: ShoppingItem): void {
  insertReceipt(tx).run({ userId, clientId, item, at: Date.now() });
}

/** Receipts live as long as events do: a client away longer resets and does not retry. */
export function pruneAddReceiptsBefore(db: Db, cutoff: number): number {
  return db.delete(addReceipts).where(lte(addReceipts.at, cutoff)).run().changes;
}
