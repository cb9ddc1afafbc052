import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeDataDir } from '../../tests/support/test-server';
import { commitFor } from '../events/commit';
import type { EventBus, PublishedEvent } from '../events/event-bus';
import { createInProcessEventBus } from '../events/in-process-event-bus';
import { openDatabase, type DatabaseHandle } from './client';
import { Checkpoints } from './checkpoints';
import { GroupCommit } from './group-commit';
import { WalSync, type SyncFile } from './wal-sync';
import { householdMembers, households, users } from './schema';

const HOUSEHOLD = 'household-1';
/** Who made the household the events are numbered under; not one of the users the mutations add. */
const FOUNDER = 'founder';

/** How a mutation of the test goes wrong, if it does: it throws, or it leaves what only COMMIT refuses. */
type Mishap = 'throws' | 'fails-at-commit';

/**
 * A database written through the grouped commit the item mutations use, and
 * a second, read-only connection to the same file: what that one sees is
 * what was committed, never the batch's open transaction. The bus notes what
 * that connection could read at the very moment each event is published.
 */
function setUp(syncWal?: SyncFile) {
  const dataDir = makeDataDir();
  const database: DatabaseHandle = openDatabase(dataDir);
  database.db.insert(users).values({ id: FOUNDER, displayName: FOUNDER, createdAt: Date.now() }).run();
  database.db.insert(households).values({ id: HOUSEHOLD, name: 'Home', inviteCode: 'HOME0001', createdBy: FOUNDER, createdAt: Date.now() }).run();
  const observer = new Database(path.join(dataDir, 'honeydo.sqlite'), { readonly: true });
  const committedUserIds = () => (observer.prepare('SELECT id FROM users WHERE id <> ? ORDER BY id').all(FOUNDER) as { id: string }[]).map((row) => row.id);

  const published: { message: string; id: number | null; committedThen: string[] }[] = [];
  const inProcess = createInProcessEventBus();
  const bus: EventBus = {
    ...inProcess,
    publish(event: PublishedEvent) {
      const message = event.event.type === 'system:notification' ? event.event.message : event.event.type;
      published.push({ message, id: event.id, committedThen: committedUserIds() });
      inProcess.publish(event);
    },
  };
  const walSync = new WalSync(database.walFile, syncWal);
  const checkpoints = new Checkpoints(database.db, path.join(dataDir, 'honeydo.sqlite'), (error) => {
    throw error;
  });
  const deps = { bus, groupCommit: new GroupCommit(database, walSync, checkpoints) };

  /** A mutation as an item procedure makes one: a row and its event, grouped with whatever else arrives now (or alone, as the other procedures commit). */
  const addUser = (id: string, mishap?: Mishap, grouped = true) =>
    commitFor(deps, { actor: { userId: id }, path: 'test.addUser', grouped })((tx, emit) => {
      tx.insert(users).values({ id, displayName: id, createdAt: Date.now() }).run();
      emit(HOUSEHOLD, { type: 'system:notification', level: 'info', message: `hello from ${id}`, toUserId: null });
      if (mishap === 'throws') throw new Error(`${id} changed its mind`);
      if (mishap === 'fails-at-commit') {
        // A deferred foreign key is checked at COMMIT only: every statement succeeds, the commit does not.
        tx.run(sql`PRAGMA defer_foreign_keys = ON`);
        tx.insert(householdMembers).values({ householdId: 'no-such-household', userId: id, role: 'member', joinedAt: Date.now() }).run();
      }
      return id;
    });

  /** Resolves as the caller's promise does, with what another connection could read at that moment. */
  const answeredWith = (answer: Promise<string>) => answer.then((value) => ({ value, committedThen: committedUserIds() }));

  return {
    addUser,
    answeredWith,
    committedUserIds,
    published,
    async close() {
      observer.close();
      await walSync.close();
      await checkpoints.close();
      database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let current: ReturnType<typeof setUp> | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

describe('group commit', () => {
  it('mutations that arrive together are published and answered each on their own, and only once another connection can read all of them', async () => {
    const env = (current = setUp());
    const answers = await Promise.all(['ann', 'bob', 'cat'].map((id) => env.answeredWith(env.addUser(id))));

    expect(answers).toEqual(['ann', 'bob', 'cat'].map((value) => ({ value, committedThen: ['ann', 'bob', 'cat'] })));
    // Published in the order the mutations ran, which is the order of their event ids…
    expect(env.published.map(({ message }) => message)).toEqual(['hello from ann', 'hello from bob', 'hello from cat']);
    const ids = env.published.map(({ id }) => id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // …and not one of them before the whole batch could be read elsewhere.
    for (const { committedThen } of env.published) expect(committedThen).toEqual(['ann', 'bob', 'cat']);
  });

  it('a mutation that throws is undone alone: its caller gets its error, the others commit before they are announced, and its event is never published', async () => {
    const env = (current = setUp());
    const outcomes = await Promise.allSettled([env.answeredWith(env.addUser('ann')), env.addUser('bob', 'throws'), env.answeredWith(env.addUser('cat'))]);

    expect(outcomes).toEqual([
      { status: 'fulfilled', value: { value: 'ann', committedThen: ['ann', 'cat'] } },
      { status: 'rejected', reason: new Error('bob changed its mind') },
      { status: 'fulfilled', value: { value: 'cat', committedThen: ['ann', 'cat'] } },
    ]);
    expect(env.published).toEqual([
      { message: 'hello from ann', id: expect.any(Number), committedThen: ['ann', 'cat'] },
      { message: 'hello from cat', id: expect.any(Number), committedThen: ['ann', 'cat'] },
    ]);
  });

  it('when the commit itself fails, no caller is told their change was saved and nothing is announced', async () => {
    const env = (current = setUp());
    const outcomes = await Promise.allSettled([env.answeredWith(env.addUser('ann')), env.answeredWith(env.addUser('bob', 'fails-at-commit'))]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(env.published).toEqual([]);
    expect(env.committedUserIds()).toEqual([]);
  });

  it('callers are answered and events published only once the WAL sync covering their commit has ended; commits written during a sync wait for the next, in commit order', async () => {
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let syncs = 0;
    const env = (current = setUp(async (file) => {
      syncs++;
      if (syncs === 1) await firstHeld;
      await file.datasync();
    }));
    const ann = env.addUser('ann');
    await vi.waitFor(() => expect(syncs).toBe(1));
    // Written while ann's sync is held: a grouped batch and a mutation alone.
    const bob = env.addUser('bob');
    await vi.waitFor(() => expect(env.committedUserIds()).toEqual(['ann', 'bob']));
    const cat = env.addUser('cat', undefined, false);

    // Readable elsewhere once written, but nobody is answered or told before the disk has it.
    expect(env.committedUserIds()).toEqual(['ann', 'bob', 'cat']);
    expect(env.published).toEqual([]);
    releaseFirst();
    expect(await Promise.all([ann, bob, cat])).toEqual(['ann', 'bob', 'cat']);
    expect(syncs).toBe(2);
    expect(env.published.map(({ message }) => message)).toEqual(['hello from ann', 'hello from bob', 'hello from cat']);
  });

  it('when the WAL sync fails, the callers whose commits it covered get its error and nothing of theirs is announced; the next commit syncs afresh', async () => {
    let failing = true;
    const env = (current = setUp(async (file) => {
      if (failing) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      await file.datasync();
    }));
    const outcomes = await Promise.allSettled([env.addUser('ann'), env.addUser('bob', undefined, false)]);

    expect(outcomes).toEqual([
      { status: 'rejected', reason: expect.objectContaining({ code: 'EIO' }) },
      { status: 'rejected', reason: expect.objectContaining({ code: 'EIO' }) },
    ]);
    expect(env.published).toEqual([]);
    failing = false;
    expect(await env.addUser('cat')).toBe('cat');
    expect(env.published.map(({ message }) => message)).toEqual(['hello from cat']);
  });
});
