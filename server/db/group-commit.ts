import type { Database, Statement } from 'better-sqlite3';
import type { Checkpoints } from './checkpoints';
import type { DatabaseHandle, Db, Tx } from './client';
import type { WalSync } from './wal-sync';

/**
 * The statements around the mutations, prepared once: run through Drizzle,
 * each built its query afresh on every commit. The two pragmas go around the
 * transaction, since SQLite refuses to change them inside one.
 */
interface Control {
  savepoint: Statement;
  release: Statement;
  rollback: Statement;
  commitWithoutFsync: Statement;
  commitWithFsync: Statement;
}

function controlStatements(connection: Database): Control {
  const prepare = (source: string) => connection.prepare(source);
  return {
    savepoint: prepare('SAVEPOINT grouped_mutation'),
    release: prepare('RELEASE SAVEPOINT grouped_mutation'),
    rollback: prepare('ROLLBACK TO SAVEPOINT grouped_mutation'),
    commitWithoutFsync: prepare('PRAGMA synchronous = NORMAL'),
    commitWithFsync: prepare('PRAGMA synchronous = FULL'),
  };
}

/** What a grouped mutation is handed while its batch runs: the shared transaction, and where to queue its after-commit work. */
export interface Batch {
  tx: Tx;
  afterCommit(run: () => void): void;
}

interface Job {
  run(batch: Batch): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Outcome {
  ok: boolean;
  value: unknown;
}

/** Runs one grouped mutation in a savepoint: if it throws, only its own changes are undone. */
function inSavepoint(control: Control, run: () => unknown): Outcome {
  control.savepoint.run();
  try {
    const value = run();
    control.release.run();
    return { ok: true, value };
  } catch (error) {
    // Undo this mutation only (and any savepoint it left open inside its own).
    control.rollback.run();
    control.release.run();
    return { ok: false, value: error };
  }
}

/**
 * Group commit: the mutations that arrive while one event-loop turn runs are
 * executed one after another in a single transaction, each inside a savepoint
 * of its own; the commit is written to the WAL without an fsync, and the WAL
 * is synced off the event loop (`WalSync`), one sync for every commit written
 * while the one before it ran (docs/decisions/0015-wal-sync-off-the-event-loop.md).
 *
 * - A mutation that throws rolls back its savepoint only; its error reaches
 *   only its caller, and the others still commit.
 * - Nothing a mutation queued with `afterCommit` (publishing its events) runs
 *   before its commit is on the disk, and it runs in commit order, which is
 *   the order of the event ids, across batches and `runAlone` alike.
 * - Every caller is answered once the commit is on the disk: nobody is told
 *   "saved" about a change a power cut could undo. If the commit or its sync
 *   fails, every caller of the batch gets the error and nothing is announced.
 *
 * Runs are synchronous (better-sqlite3), so no other code sees the batch's
 * uncommitted state, and the event loop waits on no disk. A query sees a
 * commit once it is written, a sync before its writer is answered; what it
 * sees then is only what the writer's answer and the events will say once
 * the sync ends. One per database, made where the database is opened; the
 * writes outside it run with `synchronous=FULL`, durable the moment they commit.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly db: Db;
  private readonly control: Control;

  constructor(
    database: Pick<DatabaseHandle, 'db' | 'connection'>,
    private readonly walSync: WalSync,
    private readonly checkpoints: Checkpoints,
  ) {
    this.db = database.db;
    this.control = controlStatements(database.connection);
  }

  /** Runs `mutation` in the next batch; resolves with its result once that batch is durable, or rejects with its own error. */
  run<T>(mutation: (batch: Batch) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: mutation, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after the I/O of this turn: every request already read joins the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs `mutation` now, in a transaction of its own (a savepoint's undo would be the whole of it), answered and announced in commit order with the batches. */
  runAlone<T>(mutation: (batch: Batch) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => this.commit([{ run: mutation, resolve: resolve as (value: unknown) => void, reject }], false));
  }

  private flush(): void {
    const jobs = this.queue;
    this.queue = [];
    this.scheduled = false;
    this.commit(jobs, true);
  }

  private commit(jobs: Job[], savepoints: boolean): void {
    const outcomes: Outcome[] = [];
    const afterCommit: (() => void)[] = [];
    this.control.commitWithoutFsync.run();
    try {
      this.db.transaction(
        (tx) => {
          for (const job of jobs) {
            const queued: (() => void)[] = [];
            const batch: Batch = { tx, afterCommit: (run) => queued.push(run) };
            const outcome = savepoints ? inSavepoint(this.control, () => job.run(batch)) : { ok: true, value: job.run(batch) };
            outcomes.push(outcome);
            if (outcome.ok) afterCommit.push(...queued);
          }
        },
        { behavior: 'immediate' },
      );
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    } finally {
      this.control.commitWithFsync.run();
    }
    this.checkpoints.afterCommit();
    this.walSync.afterCommit({
      durable: () => {
        for (const run of afterCommit) run();
        jobs.forEach((job, index) => {
          const outcome = outcomes[index] as Outcome;
          if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.value);
        });
      },
      failed: (error) => {
        for (const job of jobs) job.reject(error);
      },
    });
  }
}
