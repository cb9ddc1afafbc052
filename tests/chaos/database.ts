import Database from 'better-sqlite3';
import { asc, eq, max } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import path from 'node:path';
import type { HouseholdEvent } from '../../shared/events';
import type { ShoppingItem } from '../../shared/types';
import * as schema from '../../server/db/schema';
import { itemsOfList } from '../../server/features/shopping/items-service';

/** One row of the event log. */
export interface StoredEvent {
  /** Its number in its household's sequence: the id its stream delivers it under. */
  id: number;
  householdId: string;
  recipientId: string | null;
  event: HouseholdEvent;
}

export interface ReadOnlyDatabase extends Disposable {
  /** The number of the household's newest stored event, 0 if it has none. */
  latestEventId(householdId: string): number;
  /** The whole event log, in commit order. */
  events(): StoredEvent[];
  /** A list's items, read and shaped by the server's own query. */
  items(listId: string): ShoppingItem[];
  close(): void;
}

/**
 * The server's SQLite file, opened read-only beside the running server (WAL
 * lets a reader in while it writes): what is there is what committed.
 */
export function openReadOnly(dataDir: string): ReadOnlyDatabase {
  // The file name server/db/client.ts gives it.
  const sqlite = new Database(path.join(dataDir, 'honeydo.sqlite'), { readonly: true, fileMustExist: true });
  const db = drizzle(sqlite, { schema });
  const { eventLog } = schema;
  const close = () => sqlite.close();
  return {
    latestEventId: (householdId) =>
      db.select({ seq: max(eventLog.seq) }).from(eventLog).where(eq(eventLog.householdId, householdId)).get()?.seq ?? 0,
    events: () =>
      db
        .select()
        .from(eventLog)
        .orderBy(asc(eventLog.id))
        .all()
        .map((row) => ({ id: row.seq, householdId: row.householdId, recipientId: row.recipientId, event: row.payload as HouseholdEvent })),
    items: (listId) => itemsOfList(db, listId),
    close,
    [Symbol.dispose]: close,
  };
}
