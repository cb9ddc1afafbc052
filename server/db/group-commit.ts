import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client';

const SAVEPOINT = sql.raw('SAVEPOINT grouped_mutation');
const RELEASE = sql.raw('RELEASE SAVEPOINT grouped_mutation');
const ROLLBACK = sql.raw('ROLLBACK TO SAVEPOINT grouped_mutation');

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

/**
 * Group commit: the mutations that arrive while one event-loop turn runs are
 * executed one after another in a single transaction, each inside a savepoint
 * of its own, and committed with one fsync (synchronous=FULL makes that fsync
 * the dominant cost of a small write).
 *
 * - A mutation that throws rolls back its savepoint only; its error reaches
 *   only its caller, and the others still commit.
 * - Nothing a mutation queued with `afterCommit` (publishing its events) runs
 *   before the commit, and it runs in the order the mutations ran, which is
 *   the order of their event ids.
 * - Every caller is answered after the commit: nobody is told "saved" about a
 *   change that is not on disk. If the commit fails, every caller gets its error.
 *
 * Runs are synchronous (better-sqlite3), so no other code sees the batch's
 * uncommitted state. One per database, made where the database is opened.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(private readonly db: Db) {}

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

  private flush(): void {
    const jobs = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const afterCommit: (() => void)[] = [];
    try {
      this.db.transaction(
        (tx) => {
          for (const job of jobs) {
            const queued: (() => void)[] = [];
            tx.run(SAVEPOINT);
            try {
              const value = job.run({ tx, afterCommit: (run) => queued.push(run) });
              tx.run(RELEASE);
              outcomes.push({ ok: true, value });
              afterCommit.push(...queued);
            } catch (error) {
              // Undo this mutation only (and any savepoint it left open inside its own).
              tx.run(ROLLBACK);
              tx.run(RELEASE);
              outcomes.push({ ok: false, value: error });
            }
          }
        },
        { behavior: 'immediate' },
      );
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    for (const run of afterCommit) run();
    jobs.forEach((job, index) => {
      const outcome = outcomes[index] as { ok: boolean; value: unknown };
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    });
  }
}
