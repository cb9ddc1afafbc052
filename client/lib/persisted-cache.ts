import { dehydrate, hydrate, matchQuery, partialMatchKey, type Mutation, type Query, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { type PersistedClient, type Persister, type PersistQueryClientOptions } from '@tanstack/react-query-persist-client';
import { openDeviceStore, readChecked, readWrite, type DeviceStore, type KeptAside } from './device-store';
import { latestWrite } from './latest-write';
import { migrateLegacyStorage } from './legacy-local-storage';
import { adoptedScope, isAdopted, isInOutbox } from './outbox';
import { cacheRecord, EMPTY_OUTBOX, isSignedOut, outboxRecord, SIGNED_OUT, type CacheRecord, type OutboxRecord, type StoredChange } from './stored-records';
import { openTabOutbox } from './tab-outbox';

/**
 * Only bump this with a migration of what is stored: a persisted cache with
 * another buster is thrown away, and with it any change still waiting.
 */
const CACHE_VERSION = '1';
/** Lists kept for offline use stay in memory this long without anyone looking at them. */
const KEEP_OFFLINE_MS = 24 * 60 * 60 * 1000;

/**
 * State that lives in the query cache but not on the server (the outbox's
 * bookkeeping, the last event id of each household): always persisted with
 * the person's lists, shared by their tabs, never garbage collected.
 */
export const localStateKey = (name: string): QueryKey => ['honeydo', name];
const LOCAL_STATE: QueryKey = ['honeydo'];
/** Like local state, but this tab's own (its undo history): persisted with the tab's waiting changes, so a reload keeps it and no other tab takes it. */
export const tabStateKey = (name: string): QueryKey => ['honeydo-tab', name];
const TAB_STATE: QueryKey = ['honeydo-tab'];

export interface CachePersistence {
  options: Omit<PersistQueryClientOptions, 'queryClient'>;
  /**
   * Restoring is over: what is in memory is now the newest state, and is
   * written from now on. From now on the changes other tabs of the person
   * left behind are adopted into this cache; `resume` then sends them.
   */
  restored(resume: () => void): void;
  /** Writes what is in memory and stops: the session is over, and its waiting changes wait in storage for the same person. Writes nothing once the person signed out, also in another tab. */
  close(): Promise<void>;
  /** Stops and removes what is stored for this person, in every tab: signing out leaves nothing of theirs behind. */
  discard(): Promise<void>;
  /** Changes the person's other tabs keep stored and no tab has sent: signing out would remove them too. */
  waitingElsewhere(): Promise<number>;
}

/**
 * Keeps one person's cache in the device store (IndexedDB): the queries in
 * `keepOffline` (the lists, so the app opens offline with them) and the
 * local state, shared by the person's tabs, and every change in the outbox
 * the server has not confirmed with the tab's own state, stored per tab
 * (tab-outbox.ts), so a reload, a closed tab, a crashed browser or another
 * tab's write loses none of them. Each save writes both in one transaction.
 * A stored record that cannot be read is kept aside and reported with
 * `onKeptAside`. See docs/decisions/0007-offline-outbox.md.
 */
export function createCachePersistence(queryClient: QueryClient, userKey: string, keepOffline: QueryKey[], onKeptAside: (kept: KeptAside) => void): CachePersistence {
  const kept = [...keepOffline, LOCAL_STATE, TAB_STATE];
  for (const queryKey of keepOffline) queryClient.setQueryDefaults(queryKey, { gcTime: KEEP_OFFLINE_MS });
  queryClient.setQueryDefaults(LOCAL_STATE, { gcTime: Infinity });
  queryClient.setQueryDefaults(TAB_STATE, { gcTime: Infinity });

  const dehydrateOptions = {
    shouldDehydrateQuery: (query: Query) => query.state.status === 'success' && kept.some((queryKey) => matchQuery({ queryKey }, query)),
    // Every change not yet confirmed, also one on its way when the page
    // closed: sent again with the same clientId, the server applies it once.
    shouldDehydrateMutation: (mutation: Mutation) => isInOutbox(mutation) && mutation.state.status === 'pending',
  };
  // 'opening': restored, and clearing a sign-out marker before the first write.
  let state: 'restoring' | 'opening' | 'open' | 'closed' = 'restoring';
  let opening = Promise.resolve();
  const store = openDeviceStore();
  const outbox = openTabOutbox(userKey);
  const opened = async (): Promise<DeviceStore | null> => {
    await outbox.ready;
    return store;
  };

  const save = latestWrite(
    async (client: PersistedClient) => {
      const db = await opened();
      if (db) await saveSession(db, userKey, outbox.key(), client);
    },
    // Not stored (a full disk): memory still holds it, and the next change writes again.
    () => undefined,
  );
  const persister: Persister = {
    // Writes are refused once closed: a write still asked for must not bring back what sign-out removed.
    persistClient: (client) => (state === 'open' ? save(client) : undefined),
    restoreClient: async () => {
      const db = await opened();
      if (!db) return undefined;
      // A migration that failed leaves localStorage as it was, to be migrated on the next load.
      for (const legacy of await migrateLegacyStorage(db, userKey).catch(() => [])) onKeptAside(legacy);
      return restoreSession(db, userKey, outbox.key(), onKeptAside);
    },
    removeClient: async () => {
      await (await opened())?.delete('caches', userKey);
    },
  };
  const snapshot = (): PersistedClient => ({ buster: CACHE_VERSION, timestamp: Date.now(), clientState: dehydrate(queryClient, dehydrateOptions) });

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
      state = 'opening';
      opening = (async () => {
        const db = await opened();
        // Signed in again: this session's cache is the one to keep. Cleared before any write of this session.
        if (db) await clearSignedOut(db, userKey);
        if (state !== 'opening') return;
        state = 'open';
        void save(snapshot());
        if (!db) return;
        outbox.adoptOrphans(
          db,
          async (changes, fromTab) => {
            // Changes that tab had adopted in turn keep the queue of the tab they came from.
            const adopted = changes.map((change) => ({ ...change, scope: isAdopted(change) ? change.scope : adoptedScope(fromTab) }));
            hydrate(queryClient, { mutations: adopted, queries: [] });
            await save(snapshot());
            resume();
          },
          onKeptAside,
        );
      })();
    },
    close: async () => {
      // Taken now: the cache is cleared right after. Nothing is written before the stored cache was restored, which it would replace.
      const last = state === 'opening' || state === 'open' ? snapshot() : null;
      state = 'closed';
      await opening;
      if (last) await save(last);
      outbox.release();
    },
    discard: async () => {
      state = 'closed';
      outbox.release();
      // After this session's own clearing of an earlier sign-out's marker, which would remove this one.
      await opening;
      const db = await store;
      if (db) await signOut(db, userKey);
    },
    waitingElsewhere: async () => {
      const db = await opened();
      return db ? outbox.waitingElsewhere(db) : 0;
    },
  };
}

/** The lists for every tab of the person, and this tab's changes and state, in one transaction: both are kept, or neither. */
async function saveSession(db: DeviceStore, userKey: string, outboxKey: string, client: PersistedClient): Promise<void> {
  const tx = readWrite(db);
  // Signed out in another tab meanwhile: nothing of this session is written back.
  if (isSignedOut(await tx.objectStore('caches').get(userKey))) return tx.done;
  const { lists, own } = split(client);
  const ownStore = tx.objectStore('outboxes');
  await Promise.all([
    tx.objectStore('caches').put({ snapshot: lists } satisfies CacheRecord, userKey),
    own.changes.length + own.tabState.length > 0 ? ownStore.put(own, outboxKey) : ownStore.delete(outboxKey),
    tx.done,
  ]);
}

/** What one save wrote (and nothing newer or older of either part): the lists, their last event ids, and this tab's changes. */
async function restoreSession(db: DeviceStore, userKey: string, outboxKey: string, onKeptAside: (kept: KeptAside) => void): Promise<PersistedClient | undefined> {
  const tx = readWrite(db);
  const [cache, own] = await Promise.all([
    readChecked(tx, 'caches', userKey, cacheRecord, onKeptAside),
    readChecked(tx, 'outboxes', outboxKey, outboxRecord, onKeptAside),
  ]);
  await tx.done;
  return joined(cache && 'snapshot' in cache ? cache.snapshot : null, own ?? EMPTY_OUTBOX);
}

async function clearSignedOut(db: DeviceStore, userKey: string): Promise<void> {
  const tx = readWrite(db);
  const caches = tx.objectStore('caches');
  if (isSignedOut(await caches.get(userKey))) await caches.delete(userKey);
  await tx.done;
}

/** Every tab's outbox of the person and their lists, gone together; the marker tells a tab still open not to write them back. */
async function signOut(db: DeviceStore, userKey: string): Promise<void> {
  const tx = readWrite(db);
  const prefix = `honeydo.outbox.${userKey}.`;
  await Promise.all([
    tx.objectStore('outboxes').delete(IDBKeyRange.bound(prefix, `${prefix}\uffff`)),
    tx.objectStore('caches').put(SIGNED_OUT, userKey),
    tx.done,
  ]);
}

/**
 * The shared lists part, and this tab's own: its waiting changes (each marked
 * paused, see `resumable`) and its tab state. Stored as JSON values: a
 * change's last failure can hold what IndexedDB cannot clone (a Response).
 */
function split(client: PersistedClient): { lists: PersistedClient; own: OutboxRecord } {
  const isTabState = (query: { queryKey: QueryKey }) => partialMatchKey(query.queryKey, TAB_STATE);
  const { queries, mutations } = JSON.parse(JSON.stringify(client.clientState)) as PersistedClient['clientState'];
  return {
    lists: { ...client, clientState: { queries: queries.filter((query) => !isTabState(query)), mutations: [] } },
    own: { changes: resumable(mutations), tabState: queries.filter(isTabState) },
  };
}

/** The stored lists with this tab's waiting changes and state; a cache stored before outboxes had records of their own keeps its changes, first. */
function joined(lists: PersistedClient | null, own: OutboxRecord): PersistedClient | undefined {
  if (!lists && own.changes.length + own.tabState.length === 0) return undefined;
  const base = lists ?? { timestamp: Date.now(), buster: CACHE_VERSION, clientState: { queries: [], mutations: [] } };
  return { ...base, clientState: { queries: [...base.clientState.queries, ...own.tabState], mutations: [...base.clientState.mutations, ...own.changes] } };
}

/**
 * Marks every stored change as paused: `resumePausedMutations` then sends
 * them all after a reload, including one that was on its way when the page
 * closed (TanStack Query only resumes paused ones).
 */
function resumable(changes: StoredChange[]): StoredChange[] {
  return changes.map((mutation) => ({ ...mutation, state: { ...mutation.state, isPaused: true } }));
}
