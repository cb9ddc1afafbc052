import { z } from 'zod';
import { outboxKeys, readChecked, readWrite, type DeviceStore, type KeptAside } from './device-store';
import { outboxRecord, type StoredChange } from './stored-records';

/** Kept in sessionStorage: a reload keeps the tab's outbox, a new tab gets its own. */
const TAB_ID_KEY = 'honeydo.tab';
const outboxPrefix = (userKey: string) => `honeydo.outbox.${userKey}.`;
/** How long a tab whose lock went free has to come back (a reload) before its outbox counts as left behind. */
const RELOAD_GRACE_MS = 3000;

/**
 * Which stored outbox is this tab's, and who sends the outboxes of tabs that
 * went away. Each tab's waiting changes have a record of their own, so that
 * no other tab's write can replace them (the lists themselves are shared:
 * whoever writes last has the newest). A tab holds a Web Lock named like its
 * record for as long as it lives; a stored outbox whose lock nobody holds
 * belongs to a tab that was closed (or signed out), and the first tab of the
 * same person to get that lock adopts its changes, sends them, and removes
 * the record while holding it: each orphaned outbox is adopted once. A tab
 * that is only reloading comes back within a grace period and keeps its own
 * outbox, with its undo history. A tab
 * announces its record's name to the person's other tabs when it starts, and
 * they answer with theirs: every tab queues for every other one's lock, also
 * for a tab that had stored nothing yet.
 */
export interface TabOutbox {
  /** Resolves once this tab owns its record; reads and writes wait for it. */
  ready: Promise<void>;
  /** The name of this tab's record (and lock); final once `ready` resolved. */
  key(): string;
  /**
   * Adopts every orphaned outbox of the person, now and whenever another tab
   * of theirs goes away. `adopt` resolves once the changes are stored as this
   * tab's own: only then is the orphan's record removed.
   */
  adoptOrphans(db: DeviceStore, adopt: (changes: StoredChange[], fromTab: string) => Promise<void>, onKeptAside: (kept: KeptAside) => void): void;
  /** How many changes the person's other tabs, open or closed, keep stored that no tab has sent yet. */
  waitingElsewhere(db: DeviceStore): Promise<number>;
  /** This tab's session is over: its outbox stays stored, for this tab's next sign-in or for another tab to adopt. */
  release(): void;
}

export function openTabOutbox(userKey: string): TabOutbox {
  const prefix = outboxPrefix(userKey);
  const stopped = new AbortController();
  const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
  const announcements = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(prefix);
  stopped.signal.addEventListener('abort', () => announcements?.close(), { once: true });
  let key = prefix + tabId();
  const announce = (reply: boolean) => announcements?.postMessage({ key, reply } satisfies Announcement);

  const ready = (async () => {
    if (!locks) return;
    // A duplicated tab starts with the sessionStorage, and so the id, of the one it copied.
    while (!(await holdLock(locks, key, stopped.signal))) key = prefix + newTabId();
    announce(false);
  })();

  // Heard before adoption starts (while the cache is restored), watched once it does.
  const heard = new Set<string>();
  let onHeard = (otherKey: string): void => void heard.add(otherKey);
  if (announcements) {
    announcements.onmessage = (event: MessageEvent<unknown>) => {
      const heardFrom = announcement.safeParse(event.data);
      if (!heardFrom.success) return;
      onHeard(heardFrom.data.key);
      if (!heardFrom.data.reply) void ready.then(() => announce(true));
    };
  }

  const adoptFrom = async (db: DeviceStore, orphanKey: string, adopt: (changes: StoredChange[], fromTab: string) => Promise<void>, onKeptAside: (kept: KeptAside) => void) => {
    const tx = readWrite(db);
    const orphan = await readChecked(tx, 'outboxes', orphanKey, outboxRecord, onKeptAside);
    await tx.done;
    // Stored as this tab's own before the orphan's record goes: a crash in between sends them twice, which the server's clientId receipts absorb, rather than never.
    if (orphan && orphan.changes.length > 0) await adopt(orphan.changes, orphanKey);
    await db.delete('outboxes', orphanKey);
  };

  return {
    ready,
    key: () => key,
    adoptOrphans: (db, adopt, onKeptAside) => {
      const watched = new Set<string>();
      const watch = (orphanKey: string) => {
        if (orphanKey === key || watched.has(orphanKey) || !orphanKey.startsWith(prefix) || stopped.signal.aborted) return;
        if (!locks) {
          // Without Web Locks no tab can tell a closed tab from a live one: what is stored is adopted at start, and sent again at worst.
          void adoptFrom(db, orphanKey, adopt, onKeptAside);
          return;
        }
        watched.add(orphanKey);
        const adoptUnlessReclaimed = async () => {
          // Granted at once for a closed tab's outbox, or as soon as its tab goes away.
          await locks.request(orphanKey, { signal: stopped.signal }, () => undefined);
          // A tab that is only reloading takes its own outbox back (and with it its undo history) within this time.
          await new Promise((resolve) => setTimeout(resolve, RELOAD_GRACE_MS));
          if (stopped.signal.aborted) return;
          const adopted = await locks.request(orphanKey, { ifAvailable: true }, async (lock) => {
            if (lock && !stopped.signal.aborted) await adoptFrom(db, orphanKey, adopt, onKeptAside);
            return lock !== null;
          });
          watched.delete(orphanKey);
          // Reclaimed: wait for that tab to go, in turn.
          if (!adopted) watch(orphanKey);
        };
        adoptUnlessReclaimed().catch(() => watched.delete(orphanKey));
      };
      void outboxKeys(db, prefix).then((keys) => keys.forEach(watch));
      if (!locks) return;
      heard.forEach(watch);
      onHeard = watch;
    },
    waitingElsewhere: async (db) => {
      const others = (await outboxKeys(db, prefix)).filter((otherKey) => otherKey !== key);
      const records = await Promise.all(others.map((otherKey) => db.get('outboxes', otherKey)));
      // One that cannot be read is kept aside when it is adopted; it holds no change anyone can send.
      return records.reduce<number>((sum, record) => sum + (outboxRecord.safeParse(record).data?.changes.length ?? 0), 0);
    },
    release: () => stopped.abort(),
  };
}

/** A tab's record name, sent when it starts (`reply: false`) and in answer to another tab's start. */
const announcement = z.object({ key: z.string(), reply: z.boolean() });
type Announcement = z.infer<typeof announcement>;

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
