import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { matchQuery, type Mutation, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { persistQueryClientSave, removeOldestQuery, type PersistedClient, type PersistQueryClientOptions } from '@tanstack/react-query-persist-client';
import { isInOutbox } from './outbox';

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
  /** Restoring is over: what is in memory is now the newest state, and may be written at once. */
  restored(): void;
  /** Writes what is in memory and stops: the session is over, and its waiting changes wait in storage for the same person. Writes nothing once the person signed out, also in another tab. */
  close(): void;
  /** Stops and removes what is stored for this person, in every tab: signing out leaves nothing of theirs behind. */
  discard(): void;
}

/**
 * Keeps one person's cache in localStorage: the queries in `keepOffline`
 * (the lists, so the app opens offline with them) and every change in the
 * outbox the server has not confirmed, so a reload, a closed tab or a
 * crashed browser loses none of them. See docs/decisions/0007-offline-outbox.md
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
  // Writes are refused once closed, and once the person signed out in
  // another tab: a write still scheduled, or this tab's session closing after
  // that one, must not bring back what sign-out removed.
  const storage = {
    getItem: (name: string) => {
      const stored = readStorage(name);
      return stored === SIGNED_OUT ? null : stored;
    },
    setItem: (name: string, value: string) => {
      if (state === 'open' && readStorage(name) !== SIGNED_OUT) localStorage.setItem(name, value);
    },
    removeItem: (name: string) => removeFromStorage(name),
  };
  const serialize = (client: PersistedClient) => JSON.stringify(resumable(client));
  const persister = createAsyncStoragePersister({ storage, key, throttleTime: THROTTLE_MS, serialize, retry: removeOldestQuery });

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
          try {
            storage.setItem(key, serialize(client));
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
    restored: () => {
      if (state !== 'restoring') return;
      state = 'open';
      // Signed in again: this session's cache is the one to keep.
      if (readStorage(key) === SIGNED_OUT) removeFromStorage(key);
    },
    close: () => {
      writeNow();
      stop();
    },
    discard: () => {
      stop();
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
function resumable(client: PersistedClient): PersistedClient {
  const mutations = client.clientState.mutations.map((mutation) => ({ ...mutation, state: { ...mutation.state, isPaused: true } }));
  return { ...client, clientState: { ...client.clientState, mutations } };
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
