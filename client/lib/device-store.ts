import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { z } from 'zod';

/**
 * Where the SPA keeps a person's lists and each tab's waiting changes on the
 * device: one IndexedDB database, so that everything one save writes commits
 * together or not at all (docs/decisions/0007-offline-outbox.md).
 */
export const DEVICE_DB = 'honeydo';

export type RecordStore = 'caches' | 'outboxes';

/** A record that could not be read, as it was found: never dropped, so that it can still be looked at (or its changes recovered). */
export interface KeptAside {
  store: RecordStore | 'localStorage';
  key: string;
  value: unknown;
  reason: string;
  at: number;
}

interface DeviceSchema extends DBSchema {
  /** Per person (their user key): the lists snapshot, or the sign-out marker. */
  caches: { key: string; value: unknown };
  /** Per tab (its Web Lock's name): the waiting changes and the tab's own state. */
  outboxes: { key: string; value: unknown };
  'kept-aside': { key: number; value: KeptAside };
}

export type DeviceStore = IDBPDatabase<DeviceSchema>;
export type DeviceTransaction = IDBPTransaction<DeviceSchema, ('caches' | 'outboxes' | 'kept-aside')[], 'readwrite'>;

/** Null where IndexedDB cannot be opened (a locked-down private mode): this visit then works from memory. */
export function openDeviceStore(): Promise<DeviceStore | null> {
  return openDB<DeviceSchema>(DEVICE_DB, 1, {
    upgrade(db) {
      db.createObjectStore('caches');
      db.createObjectStore('outboxes');
      db.createObjectStore('kept-aside', { autoIncrement: true });
    },
  }).catch(() => null);
}

export const readWrite = (db: DeviceStore): DeviceTransaction => db.transaction(['caches', 'outboxes', 'kept-aside'], 'readwrite');

/** The keys of the outboxes whose names start with `prefix`: those of one person's tabs. */
export const outboxKeys = (db: DeviceStore, prefix: string): Promise<string[]> => db.getAllKeys('outboxes', IDBKeyRange.bound(prefix, `${prefix}\uffff`));

/**
 * The record under `key`, checked against `schema`; a record that fails is
 * moved to `kept-aside` in the same transaction and reported with `onKeptAside`.
 */
export async function readChecked<T>(tx: DeviceTransaction, store: RecordStore, key: string, schema: z.ZodType<T>, onKeptAside: (kept: KeptAside) => void): Promise<T | null> {
  const value = await tx.objectStore(store).get(key);
  if (value === undefined) return null;
  const checked = schema.safeParse(value);
  if (checked.success) return checked.data;
  const kept: KeptAside = { store, key, value, reason: z.prettifyError(checked.error), at: Date.now() };
  await Promise.all([tx.objectStore('kept-aside').add(kept), tx.objectStore(store).delete(key)]);
  onKeptAside(kept);
  return null;
}
