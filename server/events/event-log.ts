import { and, asc, desc, eq, gt, isNull, lt, lte, min, or, sql } from 'drizzle-orm';
import type { HouseholdEvent } from '../../shared/events';
import type { Db, Tx } from '../db/client';
import { preparedQuery } from '../db/prepared';
import { eventLog } from '../db/schema';
import type { PublishedEvent } from './event-bus';
import type { EventLogReader } from './redis-event-bus';

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

/** Where a page of the log starts: just after an id, oldest first (a replay), or just before one, newest first (the activity; `null`: the newest). */
export type LogPage = { after: number } | { before: number | null };

/**
 * Up to `limit` of a household's stored events, as `userId` may see them:
 * events aimed at another member are left out here, on the server, never
 * sent to be filtered by the client.
 */
export function readEvents(db: Db, householdId: string, userId: string, page: LogPage, limit: number): PublishedEvent[] {
  const backwards = 'before' in page;
  return db
    .select()
    .from(eventLog)
    .where(
      and(
        eq(eventLog.householdId, householdId),
        backwards ? (page.before === null ? undefined : lt(eventLog.id, page.before)) : gt(eventLog.id, page.after),
        or(isNull(eventLog.recipientId), eq(eventLog.recipientId, userId)),
      ),
    )
    .orderBy(backwards ? desc(eventLog.id) : asc(eventLog.id))
    .limit(limit)
    .all()
    .map((row) => ({ id: row.id, event: row.payload as HouseholdEvent, recipientId: row.recipientId }));
}

/**
 * Up to `limit` of a household's stored events with `after < id <= through`,
 * oldest first, for every recipient: what a process bridging the bus between
 * processes missed (server/events/redis-event-bus.ts). Targeted events are
 * left in; each subscriber filters them as it does live ones.
 */
export function readEventRange(db: Db, householdId: string, range: { after: number; through: number }, limit: number): PublishedEvent[] {
  return db
    .select()
    .from(eventLog)
    .where(and(eq(eventLog.householdId, householdId), gt(eventLog.id, range.after), lte(eventLog.id, range.through)))
    .orderBy(asc(eventLog.id))
    .limit(limit)
    .all()
    .map((row) => ({ id: row.id, event: row.payload as HouseholdEvent, recipientId: row.recipientId }));
}

/** The event log as the bus between processes reads it. */
export function eventLogReader(db: Db): EventLogReader {
  return { readRange: (householdId, range, limit) => readEventRange(db, householdId, range, limit), latestId: () => latestEventId(db) };
}

/**
 * The id of a household's newest stored event meant for every member, at or
 * before `id`: the position in the household's stream that all of its
 * members' devices share (null while the household has none left).
 */
export function newestSharedEventId(db: Db, householdId: string, id: number): number | null {
  const row = db
    .select({ id: eventLog.id })
    .from(eventLog)
    .where(and(eq(eventLog.householdId, householdId), lte(eventLog.id, id), isNull(eventLog.recipientId)))
    .orderBy(desc(eventLog.id))
    .limit(1)
    .get();
  return row?.id ?? null;
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
