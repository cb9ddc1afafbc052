import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir } from '../../tests/support/test-server';
import { commitFor } from '../events/commit';
import type { EventBus, PublishedEvent } from '../events/event-bus';
import { createInProcessEventBus } from '../events/in-process-event-bus';
import { openDatabase, type DatabaseHandle } from './client';
import { GroupCommit } from './group-commit';
import { householdMembers, users } from './schema';

const HOUSEHOLD = 'household-1';

/** How a mutation of the test goes wrong, if it does: it throws, or it leaves what only COMMIT refuses. */
type Mishap = 'throws' | 'fails-at-commit';

/**
 * A database written through the grouped commit the item mutations use, and
 * a second, read-only connection to the same file: what that one sees is
 * what was committed, never the batch's open transaction. The bus notes what
 * that connection could read at the very moment each event is published.
 */
function setUp() {
  const dataDir = makeDataDir();
  const database: DatabaseHandle = openDatabase(dataDir);
  const observer = new Database(path.join(dataDir, 'honeydo.sqlite'), { readonly: true });
  const committedUserIds = () => (observer.prepare('SELECT id FROM users ORDER BY id').all() as { id: string }[]).map((row) => row.id);

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
  const deps = { db: database.db, bus, groupCommit: new GroupCommit(database.db) };

  /** A mutation as an item procedure makes one: a row and its event, grouped with whatever else arrives now. */
  const addUser = (id: string, mishap?: Mishap) =>
    commitFor(deps, { actor: { userId: id }, path: 'test.addUser', grouped: true })((tx, emit) => {
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
    close() {
      observer.close();
      database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let current: ReturnType<typeof setUp> | null = null;
afterEach(() => {
  current?.close();
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
});
