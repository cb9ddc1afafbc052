// IndexedDB's classes (IDBRequest, IDBKeyRange…) as globals, which idb looks for.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { openDeviceStore } from '../lib/device-store';

/**
 * For node unit tests of the device store only: a fresh in-memory IndexedDB
 * (fake-indexeddb) as the page's. Chromium's own IndexedDB is covered by the
 * browser tests.
 */
export function fakeIndexedDb(): void {
  vi.stubGlobal('indexedDB', new IDBFactory());
}

/** Every record of the device store, by store and key. */
export async function storedRecords(): Promise<Record<string, Record<string, unknown>>> {
  const db = await openDeviceStore();
  if (!db) throw new Error('The fake IndexedDB did not open.');
  const all: Record<string, Record<string, unknown>> = {};
  for (const store of db.objectStoreNames) {
    const keys = await db.getAllKeys(store);
    const values = await db.getAll(store);
    all[store] = Object.fromEntries(keys.map((key, index) => [String(key), values[index]]));
  }
  db.close();
  return all;
}

/** Everything stored, as one text to search. */
export const storedText = async (): Promise<string> => JSON.stringify(await storedRecords());
