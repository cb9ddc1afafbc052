import type { DehydratedState } from '@tanstack/react-query';
import { readStored, removeStored, writeStored } from './storage';

export type StoredChanges = DehydratedState['mutations'];

/** Kept in sessionStorage: a reload keeps the tab's outbox, a new tab gets its own. */
const TAB_ID_KEY = 'honeydo.tab';
const outboxPrefix = (userKey: string) => `honeydo.outbox.${userKey}.`;

/**
 * One tab's waiting changes, stored under a key of its own so that no other
 * tab's write can replace them (the lists themselves are shared: whoever
 * writes last has the newest). A tab holds a Web Lock named like its key for
 * as long as it lives; a stored outbox whose lock nobody holds belongs to a
 * tab that was closed (or signed out), and the first tab of the same person
 * to get that lock adopts its changes, sends them, and removes the key while
 * holding it: each orphaned outbox is adopted once.
 */
export interface TabOutbox {
  /** Resolves once this tab owns its key; reads and writes wait for it. */
  ready: Promise<void>;
  read(): StoredChanges;
  /** Writes only what changed: the outbox is written on every change to the cache. */
  write(changes: StoredChanges): void;
  /** Adopts every orphaned outbox of the person, now and whenever another tab of theirs goes away. */
  adoptOrphans(adopt: (changes: StoredChanges) => void): void;
  /** This tab's session is over: its outbox stays stored, for this tab's next sign-in or for another tab to adopt. */
  release(): void;
  /** Sign-out: removes the outbox of every tab of the person. */
  removeAll(): void;
}

export function openTabOutbox(userKey: string): TabOutbox {
  const prefix = outboxPrefix(userKey);
  const stopped = new AbortController();
  const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
  let key = prefix + tabId();
  let written: string | null = null;

  const ready = (async () => {
    if (!locks) return;
    // A duplicated tab starts with the sessionStorage, and so the id, of the one it copied.
    while (!(await holdLock(locks, key, stopped.signal))) key = prefix + newTabId();
  })();

  const adoptFrom = (orphanKey: string, adopt: (changes: StoredChanges) => void) => {
    const changes = readStored(orphanKey, isChangeList) ?? [];
    // Written into this tab's own outbox (by `adopt`) before the orphan's key goes: a crash in between sends them twice, which the server's clientId receipts absorb, rather than never.
    if (changes.length > 0) adopt(changes);
    removeStored(orphanKey);
  };
  const watched = new Set<string>();
  const watch = (orphanKey: string, adopt: (changes: StoredChanges) => void) => {
    if (orphanKey === key || watched.has(orphanKey) || !orphanKey.startsWith(prefix)) return;
    if (!locks) {
      // Without Web Locks no tab can tell a closed tab from a live one: what is stored is adopted at start, and sent again at worst.
      adoptFrom(orphanKey, adopt);
      return;
    }
    watched.add(orphanKey);
    // Granted at once for a closed tab's outbox, or as soon as its tab goes away.
    locks
      .request(orphanKey, { signal: stopped.signal }, () => {
        watched.delete(orphanKey);
        if (!stopped.signal.aborted) adoptFrom(orphanKey, adopt);
      })
      .catch(() => watched.delete(orphanKey));
  };

  return {
    ready,
    read: () => readStored(key, isChangeList) ?? [],
    write: (changes) => {
      const value = JSON.stringify(changes);
      if (value === written) return;
      written = value;
      if (changes.length === 0) removeStored(key);
      else writeStored(key, changes);
    },
    adoptOrphans: (adopt) => {
      for (const stored of storedKeys(prefix)) watch(stored, adopt);
      if (locks) {
        const onStorage = (event: StorageEvent) => {
          if (event.key && event.newValue !== null) watch(event.key, adopt);
        };
        window.addEventListener('storage', onStorage);
        stopped.signal.addEventListener('abort', () => window.removeEventListener('storage', onStorage), { once: true });
      }
    },
    release: () => stopped.abort(),
    removeAll: () => {
      for (const stored of storedKeys(prefix)) removeStored(stored);
      written = null;
      stopped.abort();
    },
  };
}

/** Takes the lock if nobody holds it, and keeps it until `signal` aborts (or the page goes away). */
function holdLock(locks: LockManager, name: string, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        if (!lock) return undefined;
        return new Promise<void>((release) => signal.addEventListener('abort', () => release(), { once: true }));
      })
      // Locks refused (a sandboxed frame): the tab goes on with its key, as a browser without Web Locks would.
      .catch(() => resolve(true));
  });
}

function tabId(): string {
  try {
    return sessionStorage.getItem(TAB_ID_KEY) ?? newTabId();
  } catch {
    return crypto.randomUUID();
  }
}

function newTabId(): string {
  const id = crypto.randomUUID();
  try {
    sessionStorage.setItem(TAB_ID_KEY, id);
  } catch {
    // This tab keeps the id for its life; a reload gets a new one, and adopts its old outbox as an orphan.
  }
  return id;
}

const isChangeList = (value: unknown): value is StoredChanges => Array.isArray(value);

/** localStorage can throw (private modes, a full quota): this visit then works without it. */
function storedKeys(prefix: string): string[] {
  try {
    return Array.from({ length: localStorage.length }, (_, index) => localStorage.key(index) ?? '').filter((stored) => stored.startsWith(prefix));
  } catch {
    return [];
  }
}
