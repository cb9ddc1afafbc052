import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { hydrate, matchQuery, type Mutation, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { persistQueryClientSave, removeOldestQuery, type PersistedClient, type Persister, type PersistQueryClientOptions } from '@tanstack/react-query-persist-client';
import { isInOutbox } from './outbox';
import { openTabOutbox, type StoredChanges } from './tab-outbox';

/**
 * Only bump this with a migration of what is stored: a persisted cache with
 * another buster is thrown away, and with it any change still waiting.
 */
const CACHE_VERSION = '1';
/** Lists kept for offline use stay in memory this long without anyone looking at them. */
const KEEP_OFFLINE_MS = 24 * 60 * 60 * 1000;
/** A burst of changes (a replayed event stream) is written once. The page's last state is written when it is hidden. */
const THROTTLE_MS = 1000;

const storageKey = (userKey: string) => `honeydo.cache.${userKey}`;
/**
 * What sign-out leaves in the person's key instead of their cache: another
 * tab of theirs, closing its session after this one, then knows not to write
 * the cache back. Nothing is restored from it.
 */
const SIGNED_OUT = 'signed-out';

/**
 * State that lives in the query cache but not on the server (the outbox's
 * bookkeeping): always persisted, never garbage collected.
 */
export const localStateKey = (name: string): QueryKey => ['honeydo', name];
const LOCAL_STATE: QueryKey = ['honeydo'];

export interface CachePersistence {
  options: Omit<PersistQueryClientOptions, 'queryClient'>;
  /**
   * Restoring is over: what is in memory is now the newest state, and may be
   * written at once. From now on the changes other tabs of the person left
   * behind are adopted into this cache; `resume` then sends them.
   */
  restored(resume: () => void): void;
  /** Writes what is in memory and stops: the session is over, and its waiting changes wait in storage for the same person. Writes nothing once the person signed out, also in another tab. */
  close(): void;
  /** Stops and removes what is stored for this person, in every tab: signing out leaves nothing of theirs behind. */
  discard(): void;
}

/**
 * Keeps one person's cache in localStorage: the queries in `keepOffline`
 * (the lists, so the app opens offline with them), shared by the person's
 * tabs, and every change in the outbox the server has not confirmed, stored
 * per tab (tab-outbox.ts), so a reload, a closed tab, a crashed browser or
 * another tab's write loses none of them. See docs/decisions/0007-offline-outbox.md
 * for why localStorage and not IndexedDB.
 */
export function createCachePersistence(queryClient: QueryClient, userKey: string, keepOffline: QueryKey[]): CachePersistence {
  const key = storageKey(userKey);
  const kept = [...keepOffline, LOCAL_STATE];
  for (const queryKey of keepOffline) queryClient.setQueryDefaults(queryKey, { gcTime: KEEP_OFFLINE_MS });
  queryClient.setQueryDefaults(LOCAL_STATE, { gcTime: Infinity });

  const dehydrateOptions = {
    shouldDehydrateQuery: (query: Query) => query.state.status === 'success' && kept.some((queryKey) => matchQuery({ queryKey }, query)),
    // Every change not yet confirmed, also one on its way when the page
    // closed: sent again with the same clientId, the server applies it once.
    shouldDehydrateMutation: (mutation: Mutation) => isInOutbox(mutation) && mutation.state.status === 'pending',
  };
  let state: 'restoring' | 'open' | 'closed' = 'restoring';
  const outbox = openTabOutbox(userKey);
  // Writes are refused once closed, and once the person signed out in
  // another tab: a write still scheduled, or this tab's session closing after
  // that one, must not bring back what sign-out removed.
  const mayWrite = () => state === 'open' && readStorage(key) !== SIGNED_OUT;
  const storage = {
    getItem: async (name: string) => {
      await outbox.ready;
      const stored = readStorage(name);
      return stored === SIGNED_OUT ? null : stored;
    },
    setItem: (name: string, value: string) => {
      if (mayWrite()) localStorage.setItem(name, value);
    },
    removeItem: (name: string) => removeFromStorage(name),
  };
  const saveOutbox = (client: PersistedClient) => {
    if (mayWrite()) outbox.write(resumable(client.clientState.mutations));
  };
  const lists = createAsyncStoragePersister({ storage, key, throttleTime: THROTTLE_MS, serialize: (client) => JSON.stringify(withoutChanges(client)), retry: removeOldestQuery });
  // The outbox is written on every change, unthrottled: it is small, and written only when it changed.
  const persister: Persister = {
    persistClient: (client) => {
      saveOutbox(client);
      return lists.persistClient(client);
    },
    restoreClient: async () => withChanges(await lists.restoreClient(), outbox.read()),
    removeClient: lists.removeClient,
  };

  /** The page may be closed next: write now, not after the throttle. */
  const writeNow = () => {
    // persistQueryClientSave calls persistClient before its first await, so this write is synchronous.
    void persistQueryClientSave({
      queryClient,
      buster: CACHE_VERSION,
      dehydrateOptions,
      persister: {
        ...persister,
        persistClient: (client) => {
          saveOutbox(client);
          try {
            storage.setItem(key, JSON.stringify(withoutChanges(client)));
          } catch {
            // Full: the throttled write, which trims old lists to fit, follows.
          }
        },
      },
    });
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') writeNow();
  };
  window.addEventListener('pagehide', writeNow);
  document.addEventListener('visibilitychange', onHidden);
  const stop = () => {
    state = 'closed';
    window.removeEventListener('pagehide', writeNow);
    document.removeEventListener('visibilitychange', onHidden);
  };

  return {
    options: {
      persister,
      buster: CACHE_VERSION,
      // Never expire: a change made offline a week ago is still a change to send.
      maxAge: Infinity,
      dehydrateOptions,
    },
    restored: (resume) => {
      if (state !== 'restoring') return;
      state = 'open';
      // Signed in again: this session's cache is the one to keep.
      if (readStorage(key) === SIGNED_OUT) removeFromStorage(key);
      outbox.adoptOrphans((changes) => {
        hydrate(queryClient, { mutations: changes, queries: [] });
        writeNow();
        resume();
      });
    },
    close: () => {
      writeNow();
      stop();
      outbox.release();
    },
    discard: () => {
      stop();
      outbox.removeAll();
      try {
        localStorage.setItem(key, SIGNED_OUT);
      } catch {
        removeFromStorage(key);
      }
    },
  };
}

/**
 * Marks every stored change as paused: `resumePausedMutations` then sends
 * them all after a reload, including one that was on its way when the page
 * closed (TanStack Query only resumes paused ones).
 */
function resumable(changes: StoredChanges): StoredChanges {
  return changes.map((mutation) => ({ ...mutation, state: { ...mutation.state, isPaused: true } }));
}

/** The lists part, shared by the person's tabs: the changes live in each tab's outbox. */
function withoutChanges(client: PersistedClient): PersistedClient {
  return { ...client, clientState: { ...client.clientState, mutations: [] } };
}

/** The stored lists with this tab's waiting changes; a cache stored before outboxes had keys of their own keeps its changes, after them. */
function withChanges(client: PersistedClient | undefined, changes: StoredChanges): PersistedClient | undefined {
  if (!client) return changes.length > 0 ? { timestamp: Date.now(), buster: CACHE_VERSION, clientState: { queries: [], mutations: changes } } : undefined;
  return { ...client, clientState: { ...client.clientState, mutations: [...client.clientState.mutations, ...changes] } };
}

/** localStorage can throw (private modes): then this visit works without it instead of failing. */
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function removeFromStorage(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}
