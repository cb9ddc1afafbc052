import { z } from 'zod';
import { readWrite, type DeviceStore, type KeptAside } from './device-store';
import { EMPTY_OUTBOX, listsSnapshot, outboxRecord, SIGNED_OUT, type CacheRecord, type OutboxRecord } from './stored-records';

/**
 * What builds before the device store kept in localStorage for one person:
 * `honeydo.cache.<user>` (the lists, or "signed-out"), one
 * `honeydo.outbox.<user>.<tab>` per tab (a JSON array of changes), and
 * `honeydo.lastEvent.<user>.<household>`. The outbox keys are also the Web
 * Lock names, so a migrated outbox keeps its name and its owner.
 */
export interface LegacyStorage {
  cache: CacheRecord | null;
  outboxes: [key: string, record: OutboxRecord][];
  unreadable: KeptAside[];
  /** Every key to remove once the migration committed. */
  keys: string[];
}

type Readable = Pick<Storage, 'getItem' | 'key' | 'length'>;

const legacyOutbox = outboxRecord.shape.changes.transform((changes): OutboxRecord => ({ ...EMPTY_OUTBOX, changes }));

/** Reads, checks and sorts what localStorage holds for `userKey`; changes nothing. */
export function readLegacyStorage(storage: Readable, userKey: string, now = Date.now()): LegacyStorage {
  const found: LegacyStorage = { cache: null, outboxes: [], unreadable: [], keys: [] };
  const cacheKey = `honeydo.cache.${userKey}`;
  const outboxPrefix = `honeydo.outbox.${userKey}.`;
  for (const key of Array.from({ length: storage.length }, (_, index) => storage.key(index) ?? '')) {
    const raw = storage.getItem(key);
    if (raw === null) continue;
    if (key === cacheKey) {
      found.keys.push(key);
      if (raw === 'signed-out') found.cache = SIGNED_OUT;
      else {
        const snapshot = parseJson(raw, listsSnapshot);
        if (snapshot.success) found.cache = { snapshot: snapshot.data };
        else found.unreadable.push({ store: 'localStorage', key, value: raw, reason: snapshot.reason, at: now });
      }
    } else if (key.startsWith(outboxPrefix)) {
      found.keys.push(key);
      const outbox = parseJson(raw, legacyOutbox);
      if (outbox.success) found.outboxes.push([key, outbox.data]);
      else found.unreadable.push({ store: 'localStorage', key, value: raw, reason: outbox.reason, at: now });
    } else if (key.startsWith(`honeydo.lastEvent.${userKey}.`)) {
      // Stored apart from the lists, it may be newer than they are: not carried over. The stream starts afresh and the lists are fetched once.
      found.keys.push(key);
    }
  }
  return found;
}

/**
 * Moves what localStorage holds for `userKey` into the device store, in one
 * transaction, and removes it from localStorage only once that committed: a
 * page closed in between migrates again next time. A lists record already in
 * the store is newer than localStorage's and is kept; an outbox in
 * localStorage was written by a tab of the older build, and is the newest.
 * Returns what could not be read (kept aside in the store).
 */
export async function migrateLegacyStorage(db: DeviceStore, userKey: string, storage: Storage = localStorage): Promise<KeptAside[]> {
  const legacy = readableLegacyStorage(storage, userKey);
  if (!legacy || legacy.keys.length === 0) return [];
  const tx = readWrite(db);
  const caches = tx.objectStore('caches');
  const writes: Promise<unknown>[] = [];
  if (legacy.cache && (await caches.get(userKey)) === undefined) writes.push(caches.put(legacy.cache, userKey));
  for (const [key, record] of legacy.outboxes) writes.push(tx.objectStore('outboxes').put(record, key));
  for (const kept of legacy.unreadable) writes.push(tx.objectStore('kept-aside').add(kept));
  await Promise.all([...writes, tx.done]);
  for (const key of legacy.keys) storage.removeItem(key);
  return legacy.unreadable;
}

/** localStorage can throw (private modes): then there is nothing to migrate. */
function readableLegacyStorage(storage: Storage, userKey: string): LegacyStorage | null {
  try {
    return readLegacyStorage(storage, userKey);
  } catch {
    return null;
  }
}

function parseJson<T>(raw: string, schema: z.ZodType<T>): { success: true; data: T } | { success: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { success: false, reason: 'not JSON' };
  }
  const checked = schema.safeParse(value);
  return checked.success ? { success: true, data: checked.data } : { success: false, reason: z.prettifyError(checked.error) };
}
