import { sql } from 'drizzle-orm';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './client';

/** Commits between two checkpoints: an add writes about twenty WAL pages, so about SQLite's own 1,000. */
const COMMITS_PER_CHECKPOINT = 50;

/**
 * The checkpointer's code. Plain CommonJS, evaluated: a worker thread has no
 * TypeScript loader, and starting tsx in one costs more than the checkpoints
 * it would run for a test server. Messages: "checkpoint" and "close"; it
 * answers only with the text of a checkpoint that failed.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.betterSqlite3);
// The lowest CPU priority for this thread alone (Linux names a thread by its id
// under /proc/thread-self): where the server has one core, a checkpoint copying
// pages yields to the event loop instead of delaying the deliveries behind it.
// Elsewhere it runs at the process's priority.
try {
  const threadId = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(threadId, 19);
} catch {}
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
});
`;

/**
 * Checkpoints the WAL from a connection of its own in a worker thread, so the
 * event loop never waits for one (docs/decisions/0015-wal-sync-off-the-event-loop.md).
 * SQLite's automatic checkpoint runs inside the COMMIT that passes 1,000 WAL
 * pages, on the writer's thread: it copies the pages into the database and
 * fsyncs the WAL and the database file, which a trace of the quick benchmark
 * showed on the main thread every fifty or so mutations. The main connection
 * runs with `wal_autocheckpoint=0`; every `COMMITS_PER_CHECKPOINT` commits
 * this asks the worker for a PASSIVE checkpoint, which never blocks the
 * writer or a reader. The worker starts with the first checkpoint, so a
 * server that writes little never starts it; at close, the last connection
 * to close checkpoints what is left, as SQLite always does.
 */
export class Checkpoints {
  private commits = 0;
  private worker: Worker | null = null;

  constructor(
    db: Db,
    private readonly databaseFile: string,
    private readonly onError: (error: Error) => void,
  ) {
    db.run(sql.raw('PRAGMA wal_autocheckpoint = 0'));
  }

  afterCommit(): void {
    if (++this.commits % COMMITS_PER_CHECKPOINT !== 0) return;
    this.worker ??= this.start();
    this.worker.postMessage('checkpoint');
  }

  /** Lets a checkpoint under way finish, then closes the worker's connection. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    await exited;
  }

  private start(): Worker {
    const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { betterSqlite3, file: this.databaseFile } });
    // A checkpoint that fails is tried again at the next one; the WAL only grows meanwhile.
    worker.on('message', (message: string) => this.onError(new Error(`WAL checkpoint failed: ${message}`)));
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = null;
      this.onError(error);
    });
    worker.unref();
    return worker;
  }
}
