import { onlineManager, QueryClient } from '@tanstack/react-query';
import { persistQueryClientRestore } from '@tanstack/react-query-persist-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_SCOPE } from './outbox';
import { createCachePersistence } from './persisted-cache';

/** Web Storage on a map. */
function fakeStorage(stored = new Map<string, string>()) {
  return {
    stored,
    get length() {
      return stored.size;
    },
    key: (index: number) => [...stored.keys()][index] ?? null,
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => stored.set(key, value),
    removeItem: (key: string) => stored.delete(key),
  };
}

/** What a page would have: localStorage, sessionStorage (the tab's own), and a window and document to listen for the page closing on. */
function fakePage() {
  const local = fakeStorage();
  vi.stubGlobal('localStorage', local);
  openTab();
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
  return local.stored;
}

/** The sessions made from now on run in another tab of the same page: same localStorage, a sessionStorage of their own. */
function openTab() {
  vi.stubGlobal('sessionStorage', fakeStorage());
}

/** Everything stored for the person, as one text. */
const storedText = (stored: Map<string, string>) => [...stored.values()].join('\n');

const SEND = ['outbox-test', 'send'];
type Change = { clientId: string; text: string };

/** A session's client whose outbox `send` calls `mutationFn`, as the app's mutation defaults do. */
function session(mutationFn: (change: Change) => Promise<unknown>) {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  queryClient.setMutationDefaults(SEND, { scope: OUTBOX_SCOPE, mutationFn });
  const persistence = createCachePersistence(queryClient, 'user-a', [['lists']]);
  const send = (change: Change) => {
    queryClient.getMutationCache().build<unknown, unknown, Change, unknown>(queryClient, { mutationKey: SEND }).execute(change).catch(() => undefined);
  };
  const restore = async () => {
    await persistQueryClientRestore({ queryClient, ...persistence.options });
    persistence.restored(() => undefined);
  };
  return { queryClient, persistence, send, restore };
}

const never = () => new Promise<never>(() => undefined);

describe('the outbox kept in storage', () => {
  beforeEach(() => onlineManager.setOnline(false));
  afterEach(() => {
    onlineManager.setOnline(true);
    vi.unstubAllGlobals();
  });

  it('changes waiting when the page closed are restored with their clientIds and sent in order, also one that was on its way', async () => {
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
    window.dispatchEvent(new Event('pagehide'));

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

  it('signing out removes what was stored, and nothing is written after', async () => {
    const stored = fakePage();
    const { queryClient, persistence, restore, send } = session(never);
    await restore();
    send({ clientId: 'change-1', text: 'add milk' });
    persistence.close();
    expect(storedText(stored)).toContain('add milk');

    const again = createCachePersistence(queryClient, 'user-a', []);
    again.restored(() => undefined);
    again.discard();
    expect(storedText(stored)).not.toContain('add milk');
    again.close();
    window.dispatchEvent(new Event('pagehide'));
    expect(storedText(stored)).not.toContain('add milk');
  });

  it('a tab whose session ends after the person signed out in another tab does not write their cache back', async () => {
    const stored = fakePage();
    const tabA = session(never);
    await tabA.restore();
    tabA.queryClient.setQueryData(['lists'], ['milk']);
    tabA.send({ clientId: 'change-1', text: 'add eggs' });
    const tabB = session(never);
    await tabB.restore();

    tabB.persistence.discard();
    tabA.persistence.close();
    expect(storedText(stored)).not.toMatch(/milk|eggs/);

    // Signing in again: nothing comes back, and the new session is kept again.
    const next = session(never);
    await next.restore();
    expect(next.queryClient.getQueryData(['lists'])).toBeUndefined();
    expect(next.queryClient.isMutating()).toBe(0);
    next.send({ clientId: 'change-2', text: 'add butter' });
    next.persistence.close();
    expect(storedText(stored)).toContain('add butter');
  });

  it('a tab writing the lists leaves another tab’s waiting changes stored, and a tab opened later sends them', async () => {
    const stored = fakePage();
    const onlineTab = session(never);
    await onlineTab.restore();
    openTab();
    const offlineTab = session(never);
    await offlineTab.restore();
    offlineTab.send({ clientId: 'change-1', text: 'add eggs' });
    offlineTab.persistence.close();

    onlineTab.queryClient.setQueryData(['lists'], ['milk']);
    onlineTab.persistence.close();
    expect(storedText(stored)).toContain('add eggs');

    openTab();
    const sent: Change[] = [];
    const later = session(async (change) => {
      sent.push(change);
      return null;
    });
    await later.restore();
    onlineManager.setOnline(true);
    await later.queryClient.resumePausedMutations();
    await vi.waitFor(() => expect(sent.map((change) => change.clientId)).toEqual(['change-1']));
  });
});
