import { onlineManager, QueryClient } from '@tanstack/react-query';
import { persistQueryClientRestore, persistQueryClientSubscribe } from '@tanstack/react-query-persist-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeIndexedDb, storedRecords, storedText } from '../test/fake-device-store';
import { openDeviceStore, type KeptAside } from './device-store';
import { OUTBOX_SCOPE } from './outbox';
import { createCachePersistence, localStateKey, tabStateKey } from './persisted-cache';

/** Web Storage on a map: the tab's sessionStorage, which holds its outbox's name. */
function fakeStorage(stored = new Map<string, string>()) {
  return {
    get length() {
      return stored.size;
    },
    key: (index: number) => [...stored.keys()][index] ?? null,
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
    removeItem: (key: string) => stored.delete(key),
  };
}

/** What a page would have: IndexedDB, an empty localStorage, and a sessionStorage of the tab's own. */
function fakePage() {
  fakeIndexedDb();
  vi.stubGlobal('localStorage', fakeStorage());
  openTab();
}

/** The sessions made from now on run in another tab of the same page: same IndexedDB, a sessionStorage of their own. */
function openTab() {
  vi.stubGlobal('sessionStorage', fakeStorage());
}

const SEND = ['outbox-test', 'send'];
type Change = { clientId: string; text: string };

/** A session's client whose outbox `send` calls `mutationFn`, as the app's mutation defaults do; it stores what changes, as the provider does. */
function session(mutationFn: (change: Change) => Promise<unknown>) {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  queryClient.setMutationDefaults(SEND, { scope: OUTBOX_SCOPE, mutationFn });
  const keptAside: KeptAside[] = [];
  const persistence = createCachePersistence(queryClient, 'user-a', [['lists']], (kept) => keptAside.push(kept));
  const send = (change: Change) => {
    queryClient.getMutationCache().build<unknown, unknown, Change, unknown>(queryClient, { mutationKey: SEND }).execute(change).catch(() => undefined);
  };
  /** Restores, and returns once the session is open: it has written its first save. */
  const restore = async () => {
    await persistQueryClientRestore({ queryClient, ...persistence.options });
    persistQueryClientSubscribe({ queryClient, ...persistence.options });
    persistence.restored(() => undefined);
    await vi.waitFor(async () => expect((await storedRecords()).caches).toHaveProperty('user-a'));
  };
  return { queryClient, persistence, send, restore, keptAside };
}

const never = () => new Promise<never>(() => undefined);
const stored = (text: string) => vi.waitFor(async () => expect(await storedText()).toContain(text));

describe('the outbox kept in the device store', () => {
  beforeEach(() => onlineManager.setOnline(false));
  afterEach(() => {
    onlineManager.setOnline(true);
    vi.unstubAllGlobals();
  });

  it('changes waiting when the page was killed are restored with their clientIds and sent in order, also one that was on its way', async () => {
    fakePage();
    const first = session(never);
    await first.restore();
    first.queryClient.setQueryData(['lists'], ['milk']);
    first.queryClient.setQueryData(['suggestions'], ['m']);
    // One goes out and never hears back; the rest wait behind it, then offline.
    onlineManager.setOnline(true);
    first.send({ clientId: 'change-1', text: 'add milk' });
    onlineManager.setOnline(false);
    first.send({ clientId: 'change-2', text: 'add eggs' });
    first.send({ clientId: 'change-3', text: 'tick eggs' });
    // No pagehide, no close: each change is written as it is made.
    await stored('tick eggs');

    const sent: Change[] = [];
    const next = session(async (change) => {
      sent.push(change);
      return null;
    });
    await next.restore();
    expect(next.queryClient.getQueryData(['lists'])).toEqual(['milk']);
    expect(next.queryClient.getQueryData(['suggestions'])).toBeUndefined();
    expect(next.queryClient.isMutating()).toBe(3);

    onlineManager.setOnline(true);
    await next.queryClient.resumePausedMutations();
    await vi.waitFor(() => expect(next.queryClient.isMutating()).toBe(0));
    expect(sent.map((change) => change.clientId)).toEqual(['change-1', 'change-2', 'change-3']);
  });

  it('the lists, their local state and the tab’s waiting changes are written by one save', async () => {
    fakePage();
    const first = session(never);
    await first.restore();
    first.queryClient.setQueryData(['lists'], ['milk']);
    first.queryClient.setQueryData(localStateKey('last-event-ids'), { home: { id: '41', at: 1 } });
    first.send({ clientId: 'change-1', text: 'add eggs' });
    await stored('add eggs');

    const records = await storedRecords();
    const [outbox] = Object.values(records.outboxes!);
    expect(JSON.stringify(records.caches!['user-a'])).toMatch(/milk.*"41"/);
    expect(JSON.stringify(outbox)).toContain('add eggs');
  });

  it('the tab’s own state comes back to the same tab after a reload, and is not another tab’s to take', async () => {
    fakePage();
    const first = session(never);
    await first.restore();
    first.queryClient.setQueryData(tabStateKey('undo-history'), ['untick milk']);
    await stored('untick milk');

    const reloaded = session(never);
    await reloaded.restore();
    expect(reloaded.queryClient.getQueryData(tabStateKey('undo-history'))).toEqual(['untick milk']);
    openTab();
    const otherTab = session(never);
    await otherTab.restore();
    expect(otherTab.queryClient.getQueryData(tabStateKey('undo-history'))).toBeUndefined();
  });

  it('a stored record that cannot be read is kept aside and reported, and the rest is restored', async () => {
    fakePage();
    const first = session(never);
    await first.restore();
    first.queryClient.setQueryData(['lists'], ['milk']);
    first.send({ clientId: 'change-1', text: 'add eggs' });
    await stored('add eggs');
    const db = (await openDeviceStore())!;
    const [outboxKey] = await db.getAllKeys('outboxes');
    await db.put('outboxes', { changes: 'garbage' }, outboxKey!);

    const next = session(never);
    await next.restore();
    expect(next.queryClient.getQueryData(['lists'])).toEqual(['milk']);
    expect(next.keptAside.map((kept) => [kept.store, kept.key, kept.value])).toEqual([['outboxes', outboxKey, { changes: 'garbage' }]]);
    expect(Object.values((await storedRecords())['kept-aside']!)).toMatchObject([{ store: 'outboxes', value: { changes: 'garbage' } }]);
  });

  it('signing out removes what was stored, and nothing is written after', async () => {
    fakePage();
    const { queryClient, persistence, restore, send } = session(never);
    await restore();
    send({ clientId: 'change-1', text: 'add milk' });
    await persistence.close();
    expect(await storedText()).toContain('add milk');

    const again = createCachePersistence(queryClient, 'user-a', [], () => undefined);
    again.restored(() => undefined);
    await again.discard();
    expect(await storedText()).not.toContain('add milk');
    await again.close();
    expect(await storedText()).not.toContain('add milk');
  });

  it('a tab whose session ends after the person signed out in another tab does not write their cache back', async () => {
    fakePage();
    const tabA = session(never);
    await tabA.restore();
    tabA.queryClient.setQueryData(['lists'], ['milk']);
    tabA.send({ clientId: 'change-1', text: 'add eggs' });
    openTab();
    const tabB = session(never);
    await tabB.restore();

    await tabB.persistence.discard();
    await tabA.persistence.close();
    expect(await storedText()).not.toMatch(/milk|eggs/);

    // Signing in again: nothing comes back, and the new session is kept again.
    const next = session(never);
    await next.restore();
    expect(next.queryClient.getQueryData(['lists'])).toBeUndefined();
    expect(next.queryClient.isMutating()).toBe(0);
    next.send({ clientId: 'change-2', text: 'add butter' });
    await stored('add butter');
  });

  it('a tab writing the lists leaves another tab’s waiting changes stored, and a tab opened later sends them', async () => {
    fakePage();
    const onlineTab = session(never);
    await onlineTab.restore();
    openTab();
    const offlineTab = session(never);
    await offlineTab.restore();
    offlineTab.send({ clientId: 'change-1', text: 'add eggs' });
    await offlineTab.persistence.close();

    onlineTab.queryClient.setQueryData(['lists'], ['milk']);
    await onlineTab.persistence.close();
    expect(await storedText()).toContain('add eggs');

    openTab();
    const sent: Change[] = [];
    const later = session(async (change) => {
      sent.push(change);
      return null;
    });
    await later.restore();
    onlineManager.setOnline(true);
    await vi.waitFor(async () => {
      await later.queryClient.resumePausedMutations();
      expect(sent.map((change) => change.clientId)).toEqual(['change-1']);
    });
  });
});
