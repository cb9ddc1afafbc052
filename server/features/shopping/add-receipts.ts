import { and, eq, lte } from 'drizzle-orm';
import type { ShoppingItem } from '../../../shared/types';
import type { Db, Tx } from '../../db/client';
import { addReceipts } from '../../db/schema';

/** What an earlier `add` by this user with this `clientId` answered, if there was one. */
export function findAddReceipt(tx: Tx, userId: string, clientId: string): ShoppingItem | undefined {
  const receipt = tx
    .select({ item: addReceipts.item })
    .from(addReceipts)
    .where(and(eq(addReceipts.userId, userId), eq(addReceipts.clientId, clientId)))
    .get();
  return receipt?.item as ShoppingItem | undefined;
}

export function saveAddReceipt(tx: Tx, userId: string, clientId: string, item: ShoppingItem): void {
  tx.insert(addReceipts).values({ userId, clientId, item, at: Date.now() }).run();
}

/** Receipts live as long as events do: a client away longer resets and does not retry. */
export function pruneAddReceiptsBefore(db: Db, cutoff: number): number {
  return db.delete(addReceipts).where(lte(addReceipts.at, cutoff)).run().changes;
}
