import { and, isNotNull, lte, max } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from './db/client';
import { eventLog, mutationReceipts, shoppingItems } from './db/schema';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps the database within the retention window: what is older than
 * `retentionMs` goes now and then every hour. Events, receipts and removed
 * items share the window: a client away longer resets instead of replaying
 * or retrying, and no undo can still want an item removed before it.
 * Returns the stop for shutdown.
 */
export function keepWithinRetention(db: Db, retentionMs: number, log: Logger): () => void {
  const prune = () => {
    const pruned = pruneBefore(db, Date.now() - retentionMs);
    if (pruned.events + pruned.receipts + pruned.removedItems > 0) log.info(pruned, 'pruned what is past the retention window');
  };
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS).unref();
  return () => clearInterval(timer);
}

/** Deletes for good what is older than `cutoff` (epoch ms), and says how much of each. */
export function pruneBefore(db: Db, cutoff: number): { events: number; receipts: number; removedItems: number } {
  return { events: pruneEventsBefore(db, cutoff), receipts: pruneReceiptsBefore(db, cutoff), removedItems: purgeRemovedItemsBefore(db, cutoff) };
}

/**
 * Drops events older than `cutoff` (epoch ms), always a prefix of ids: in
 * each household that is a prefix of its sequence (an event takes its id
 * after its number, under the household's row), so a cursor is either at or
 * above what was pruned of its household or told to reset.
 */
function pruneEventsBefore(db: Db, cutoff: number): number {
  const newestExpired = db.select({ id: max(eventLog.id) }).from(eventLog).where(lte(eventLog.at, cutoff)).get();
  if (newestExpired?.id == null) return 0;
  return db.delete(eventLog).where(lte(eventLog.id, newestExpired.id)).run().changes;
}

function pruneReceiptsBefore(db: Db, cutoff: number): number {
  return db.delete(mutationReceipts).where(lte(mutationReceipts.at, cutoff)).run().changes;
}

function purgeRemovedItemsBefore(db: Db, cutoff: number): number {
  return db
    .delete(shoppingItems)
    .where(and(isNotNull(shoppingItems.removedAt), lte(shoppingItems.removedAt, cutoff)))
    .run().changes;
}
