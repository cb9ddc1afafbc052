import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeIndexedDb, storedRecords } from '../test/fake-device-store';
import { openDeviceStore } from './device-store';
import { migrateLegacyStorage, readLegacyStorage } from './legacy-local-storage';

const change = (clientId: string) => ({ mutationKey: ['add'], state: { status: 'pending', variables: { clientId }, isPaused: true } });
const lists = { timestamp: 1, buster: '1', clientState: { queries: [{ queryKey: ['lists'], queryHash: '["lists"]', state: { status: 'success', dataUpdatedAt: 1, data: ['milk'] } }], mutations: [] } };

/** What the build before the device store left in localStorage for user-a, beside another person's and the app's own keys. */
function previousVersionStorage(extra: Record<string, string> = {}) {
  const stored = new Map(
    Object.entries({
      'honeydo.session': '{"token":"t"}',
      'honeydo.cache.user-a': JSON.stringify(lists),
      'honeydo.outbox.user-a.tab-1': JSON.stringify([change('change-1')]),
      'honeydo.lastEvent.user-a.home': '{"id":"41","at":1}',
      'honeydo.cache.user-b': JSON.stringify(lists),
      ...extra,
    }),
  );
  return {
    stored,
    get length() {
      return stored.size;
    },
    key: (index: number) => [...stored.keys()][index] ?? null,
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
    clear: () => stored.clear(),
  };
}

describe('what the previous version kept in localStorage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is read as the person’s lists and each tab’s changes; the last event id is not carried over', () => {
    const legacy = readLegacyStorage(previousVersionStorage(), 'user-a', 5);

    expect(legacy.cache).toEqual({ snapshot: lists });
    expect(legacy.outboxes).toEqual([['honeydo.outbox.user-a.tab-1', { changes: [change('change-1')], tabState: [] }]]);
    expect(legacy.unreadable).toEqual([]);
    expect(legacy.keys.sort()).toEqual(['honeydo.cache.user-a', 'honeydo.lastEvent.user-a.home', 'honeydo.outbox.user-a.tab-1']);
  });

  it('a sign-out is read as one, and an unreadable value is kept to be set aside, not dropped', () => {
    const legacy = readLegacyStorage(previousVersionStorage({ 'honeydo.cache.user-a': 'signed-out', 'honeydo.outbox.user-a.tab-2': '{not json' }), 'user-a', 5);

    expect(legacy.cache).toEqual({ signedOut: true });
    expect(legacy.unreadable).toEqual([{ store: 'localStorage', key: 'honeydo.outbox.user-a.tab-2', value: '{not json', reason: 'not JSON', at: 5 }]);
    expect(legacy.keys).toContain('honeydo.outbox.user-a.tab-2');
  });

  it('is moved into the device store and only then removed from localStorage; other keys stay', async () => {
    fakeIndexedDb();
    const storage = previousVersionStorage({ 'honeydo.outbox.user-a.tab-2': '{not json' });
    const db = (await openDeviceStore())!;

    const unreadable = await migrateLegacyStorage(db, 'user-a', storage);

    const records = await storedRecords();
    expect(records.caches).toEqual({ 'user-a': { snapshot: lists } });
    expect(records.outboxes).toEqual({ 'honeydo.outbox.user-a.tab-1': { changes: [change('change-1')], tabState: [] } });
    expect(Object.values(records['kept-aside']!)).toMatchObject([{ key: 'honeydo.outbox.user-a.tab-2', value: '{not json' }]);
    expect(unreadable).toHaveLength(1);
    expect([...storage.stored.keys()].sort()).toEqual(['honeydo.cache.user-b', 'honeydo.session']);
  });

  it('leaves lists the device store holds already in place: they are newer', async () => {
    fakeIndexedDb();
    const db = (await openDeviceStore())!;
    await db.put('caches', { signedOut: true }, 'user-a');

    await migrateLegacyStorage(db, 'user-a', previousVersionStorage());

    expect((await storedRecords()).caches).toEqual({ 'user-a': { signedOut: true } });
  });

  it('keeps localStorage as it was when the transaction fails', async () => {
    fakeIndexedDb();
    const storage = previousVersionStorage();
    const db = (await openDeviceStore())!;
    db.close();

    await expect(migrateLegacyStorage(db, 'user-a', storage)).rejects.toThrow();
    expect(storage.stored.get('honeydo.outbox.user-a.tab-1')).toContain('change-1');
  });
});
