import { and, asc, desc, eq, gt, isNull, lt, lte, max, min, or, sql } from 'drizzle-orm';
import type { HouseholdEvent } from '../../shared/events';
import type { Db, Tx } from '../db/client';
import { preparedQuery } from '../db/prepared';
import { eventLog } from '../db/schema';
import type { PublishedEvent } from './event-bus';

const insertEvent = preparedQuery((db) =>
  db
    .insert(eventLog)
    .values({
      householdId: sql.placeholder('householdId'),
      type: sql.placeholder('type'),
      recipientId: sql.placeholder('recipientId'),
      payload: sql.placeholder('payload'),
      at: sql.placeholder('at'),
    })
    .returning({ id: eventLog.id })
    .prepare(),
);

/** Writes one event inside the caller's transaction and returns its id. */
export function appendEvent(tx: Tx, event: HouseholdEvent, recipientId: string | null): number {
  const row = insertEvent(tx).get({ householdId: event.householdId, type: event.type, recipientId, payload: event, at: Date.parse(event.at) });
  if (!row) throw new Error('The event log returned no id for an insert.');
  return row.id;
}

/**
 * One page of a household's events after `afterId`, oldest first, as `userId`
 * may see them: events aimed at another member are left out here, on the
 * server, never sent to be filtered by the client.
 */
export function readEventsAfter(db: Db, householdId: string, userId: string, afterId: number, limit: number): PublishedEvent[] {
  return db
    .select()
    .from(eventLog)
    .where(
      and(
        eq(eventLog.householdId, householdId),
        gt(eventLog.id, afterId),
        or(isNull(eventLog.recipientId), eq(eventLog.recipientId, userId)),
      ),
    )
    .orderBy(asc(eventLog.id))
    .limit(limit)
    .all()
    .map((row) => ({ id: row.id, event: row.payload as HouseholdEvent, recipientId: row.recipientId }));
}

/**
 * Up to `limit` of a household's stored events older than `beforeId` (all
 * when `null`), newest first, as `userId` may see them.
 */
export function readEventsBefore(db: Db, householdId: string, userId: string, beforeId: number | null, limit: number): PublishedEvent[] {
  return db
    .select()
    .from(eventLog)
    .where(
      and(
        eq(eventLog.householdId, householdId),
        beforeId === null ? undefined : lt(eventLog.id, beforeId),
        or(isNull(eventLog.recipientId), eq(eventLog.recipientId, userId)),
      ),
    )
    .orderBy(desc(eventLog.id))
    .limit(limit)
    .all()
    .map((row) => ({ id: row.id, event: row.payload as HouseholdEvent, recipientId: row.recipientId }));
}

/** The highest id ever assigned (AUTOINCREMENT's counter, which pruning does not lower). */
export function latestEventId(db: Db): number {
  const row = db.get<{ seq: number } | undefined>(sql`SELECT seq FROM sqlite_sequence WHERE name = 'event_log'`);
  return row?.seq ?? 0;
}

/**
 * Every id up to this one may have been pruned: a cursor below it cannot be
 * resumed without a gap.
 */
export function prunedThroughId(db: Db): number {
  const row = db.select({ oldest: min(eventLog.id) }).from(eventLog).get();
  return row?.oldest != null ? row.oldest - 1 : latestEventId(db);
}

/** Drops events older than `cutoff` (epoch ms), always a prefix of ids so cursors stay comparable. */
export function pruneEventsBefore(db: Db, cutoff: number): number {
  const newestExpired = db.select({ id: max(eventLog.id) }).from(eventLog).where(lte(eventLog.at, cutoff)).get();
  if (newestExpired?.id == null) return 0;
  return db.delete(eventLog).where(lte(eventLog.id, newestExpired.id)).run().changes;
}
