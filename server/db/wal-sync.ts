import { open, type FileHandle } from 'node:fs/promises';

/** How the WAL reaches the disk: `fdatasync` by default; a test puts a slow disk in its place. */
export type SyncFile = (file: FileHandle) => Promise<void>;

const datasync: SyncFile = (file) => file.datasync();

/** A waiter that throws is a bug of its own: it surfaces as an uncaught error, as it would have in a callback, and the waiters after it still run. */
function settle(run: () => void): void {
  try {
    run();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

interface Waiter {
  durable(): void;
  failed(error: unknown): void;
}

/**
 * Makes commits that SQLite wrote without an fsync durable off the event
 * loop (docs/decisions/0015-wal-sync-off-the-event-loop.md). A commit taken
 * with `synchronous=NORMAL` is in the WAL file, in the OS's cache; `afterCommit`
 * queues what must wait until it is on the disk, and one `fdatasync` of the
 * WAL, on libuv's thread pool, covers every commit written before it started.
 *
 * - Waiters run in the order they were queued, which is commit order: a
 *   round's waiters run only after every earlier round's.
 * - One sync at a time: commits that arrive while one runs wait for the next,
 *   which covers all of them (the fsync-level half of the group commit).
 * - A failed sync fails its round's waiters. What it wrote may or may not be
 *   on the disk; its callers are told it failed, its events are not announced.
 */
export class WalSync {
  private waiting: Waiter[] = [];
  private syncing = false;
  private file: Promise<FileHandle> | null = null;
  private drained: (() => void)[] = [];

  constructor(
    private readonly walFile: string,
    private readonly sync: SyncFile = datasync,
  ) {}

  /** Call right after a commit: `durable` runs once that commit is on the disk, `failed` if the sync that covers it fails. */
  afterCommit(waiter: Waiter): void {
    this.waiting.push(waiter);
    if (!this.syncing) void this.syncRound();
  }

  /** Resolves when every commit queued so far has been synced (or failed to be). */
  idle(): Promise<void> {
    if (!this.syncing) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /** After `idle()`: closes the WAL file's handle. */
  async close(): Promise<void> {
    await this.idle();
    const file = this.file;
    this.file = null;
    if (file) await (await file).close();
  }

  private handle(): Promise<FileHandle> {
    // The WAL exists once SQLite has written a commit to it, and stays the same file while the database is open.
    this.file ??= open(this.walFile, 'r+').catch((error: unknown) => {
      this.file = null;
      throw error;
    });
    return this.file;
  }

  private async syncRound(): Promise<void> {
    this.syncing = true;
    while (this.waiting.length > 0) {
      const round = this.waiting;
      this.waiting = [];
      try {
        await this.sync(await this.handle());
      } catch (error) {
        for (const waiter of round) settle(() => waiter.failed(error));
        continue;
      }
      for (const waiter of round) settle(() => waiter.durable());
    }
    this.syncing = false;
    for (const resolve of this.drained.splice(0)) resolve();
  }
}
