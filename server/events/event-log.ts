import { and, asc, desc, eq, gt, isNull, lt, lte, min, or, sql } from 'drizzle-orm';
import type { HouseholdEvent } from '../../shared/events';
import type { Db, Tx } from '../db/client';
import { preparedQuery } from '../db/prepared';
import { eventLog, households } from '../db/schema';
import type { PublishedEvent } from './event-bus';
import type { EventLogReader } from './redis-event-bus';

/**
 * Takes the household's next sequence number. On PostgreSQL this UPDATE holds
 * the household's row lock until the transaction ends, so a second writer to
 * the household waits for the first to commit before it numbers its own
 * event: commit order is sequence order in each household, and a reader of
 * `seq > X` cannot miss a row that commits later with a lower number. SQLite
 * has one writer, which gives the same order.
 */
const nextSeq = preparedQuery((db) =>
  db
    .update(households)
    .set({ eventSeq: sql`${households.eventSeq} + 1` })
    .where(eq(households.id, sql.placeholder('householdId')))
    .returning({ seq: households.eventSeq })
    .prepare(),
);

const insertEvent = preparedQuery((db) =>
  db
    .insert(eventLog)
    .values({
      householdId: sql.placeholder('householdId'),
      seq: sql.placeholder('seq'),
      type: sql.placeholder('type'),
      recipientId: sql.placeholder('recipientId'),
      payload: sql.placeholder('payload'),
      at: sql.placeholder('at'),
    })
    .prepare(),
);

/**
 * Writes one event inside the caller's transaction and returns its number in
 * its household's sequence. Every event is emitted while its household still
 * exists (the last member's leave emits before it deletes the household), so
 * a household with no row is a bug, refused loudly rather than numbered.
 */
export function appendEvent(tx: Tx, event: HouseholdEvent, recipientId: string | null): number {
  const allocated = nextSeq(tx).get({ householdId: event.householdId });
  if (!allocated) throw new Error(`No household ${event.householdId} to number an event of (${event.type}).`);
  insertEvent(tx).run({ householdId: event.householdId, seq: allocated.seq, type: event.type, recipientId, payload: event, at: Date.parse(event.at) });
  return allocated.seq;
}

/** Where a page of the log starts: just after a sequence number, oldest first (a replay), or just before one, newest first (the activity; `null`: the newest). */
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
        backwards ? (page.before === null ? undefined : lt(eventLog.seq, page.before)) : gt(eventLog.seq, page.after),
        or(isNull(eventLog.recipientId), eq(eventLog.recipientId, userId)),
      ),
    )
    .orderBy(backwards ? desc(eventLog.seq) : asc(eventLog.seq))
    .limit(limit)
    .all()
    .map(asPublished);
}

/**
 * Up to `limit` of a household's stored events with `after < seq <= through`,
 * oldest first, for every recipient: what a process bridging the bus between
 * processes missed (server/events/redis-event-bus.ts). Targeted events are
 * left in; each subscriber filters them as it does live ones.
 */
export function readEventRange(db: Db, householdId: string, range: { after: number; through: number }, limit: number): PublishedEvent[] {
  return selectEventRange(db).all({ householdId, ...range, limit }).map(asPublished);
}

const selectEventRange = preparedQuery((db) =>
  db
    .select()
    .from(eventLog)
    .where(
      and(
        eq(eventLog.householdId, sql.placeholder('householdId')),
        gt(eventLog.seq, sql.placeholder('after')),
        lte(eventLog.seq, sql.placeholder('through')),
      ),
    )
    .orderBy(asc(eventLog.seq))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

/** The event log as the bus between processes reads it. */
export function eventLogReader(db: Db): EventLogReader {
  return { readRange: (householdId, range, limit) => readEventRange(db, householdId, range, limit), latestId: (householdId) => latestEventId(db, householdId) };
}

/**
 * The number of a household's newest stored event meant for every member, at
 * or before `seq`: the position in the household's stream that all of its
 * members' devices share (null while the household has none left).
 */
export function newestSharedEventId(db: Db, householdId: string, seq: number): number | null {
  const row = db
    .select({ seq: eventLog.seq })
    .from(eventLog)
    .where(and(eq(eventLog.householdId, householdId), lte(eventLog.seq, seq), isNull(eventLog.recipientId)))
    .orderBy(desc(eventLog.seq))
    .limit(1)
    .get();
  return row?.seq ?? null;
}

/**
 * The last number a household gave an event (pruning does not lower it); 0
 * for a household that has none, or that no longer exists and so has no
 * member left to resume it.
 */
export function latestEventId(db: Db, householdId: string): number {
  return selectEventSeq(db).get({ householdId })?.seq ?? 0;
}

// Read at every `events.applied` report, every stream start, and by each process of a fleet for each household it follows every 2 s.
const selectEventSeq = preparedQuery((db) =>
  db
    .select({ seq: households.eventSeq })
    .from(households)
    .where(eq(households.id, sql.placeholder('householdId')))
    .prepare(),
);

/**
 * Every number of the household up to this one may have been pruned: a
 * cursor below it cannot be resumed without a gap. Retention prunes a prefix
 * of ids, which in each household is a prefix of its numbers (an event's id
 * is taken after its number, under the household's row).
 */
export function prunedThroughId(db: Db, householdId: string): number {
  const row = db.select({ oldest: min(eventLog.seq) }).from(eventLog).where(eq(eventLog.householdId, householdId)).get();
  return row?.oldest != null ? row.oldest - 1 : latestEventId(db, householdId);
}

function asPublished(row: typeof eventLog.$inferSelect): PublishedEvent {
  return { id: row.seq, event: row.payload as HouseholdEvent, recipientId: row.recipientId };
}
