import type { Page } from 'playwright-core';

/** The keys the app uses: a person or tab name, or a kept-aside record's number. */
type StoredKey = string | number;
/** The app's IndexedDB stores (client/lib/device-store.ts): the lists per person, the outbox per tab, and what could not be read. */
export type DeviceStoreName = 'caches' | 'outboxes' | 'kept-aside';
export type DeviceRecords = Record<DeviceStoreName, [key: StoredKey, value: unknown][]>;

/**
 * Writes `records` into the app's store on this phone, as the app (or a hand
 * in the devtools) would, then reads every record back. In the page, with raw
 * IndexedDB: the app's own modules are bundled. A phone where the app never
 * ran has no store, and nothing is written or read.
 */
function inDeviceStore(page: Page, records: Partial<DeviceRecords>): Promise<DeviceRecords> {
  return page.evaluate(async (writes) => {
    const none: DeviceRecords = { caches: [], outboxes: [], 'kept-aside': [] };
    const db = await new Promise<IDBDatabase | null>((resolve) => {
      const request = indexedDB.open('honeydo');
      // Not created here: the app's own first open must create its stores.
      request.onupgradeneeded = () => request.transaction?.abort();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
    });
    if (!db) return none;
    const stores = Object.keys(none) as DeviceStoreName[];
    const tx = db.transaction(stores, 'readwrite');
    for (const [store, entries] of Object.entries(writes)) for (const [key, value] of entries) tx.objectStore(store).put(value, key);
    const read = (store: DeviceStoreName) =>
      new Promise<[StoredKey, unknown][]>((resolve, reject) => {
        const entries: [StoredKey, unknown][] = [];
        const request = tx.objectStore(store).openCursor();
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve(entries);
          entries.push([cursor.key as StoredKey, cursor.value]);
          cursor.continue();
        };
        request.onerror = () => reject(request.error);
      });
    const all = Object.fromEntries(await Promise.all(stores.map(async (store) => [store, await read(store)]))) as DeviceRecords;
    db.close();
    return all;
  }, records);
}

/** Every record the app stored on this phone. */
export const deviceRecords = (page: Page): Promise<DeviceRecords> => inDeviceStore(page, {});

/** Everything the app stored on this phone, as one text to search. */
export const storedOnDevice = async (page: Page): Promise<string> => JSON.stringify(await deviceRecords(page));

/** Writes records into the app's store on this phone; the app must have run on it once. */
export const putDeviceRecords = async (page: Page, records: Partial<DeviceRecords>): Promise<void> => void (await inDeviceStore(page, records));
