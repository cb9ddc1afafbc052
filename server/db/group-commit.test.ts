import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir } from '../../tests/support/test-server';
import { commitAndPublish } from '../events/commit';
import type { PublishedEvent } from '../events/event-bus';
import { createInProcessEventBus } from '../events/in-process-event-bus';
import { openDatabase, type DatabaseHandle } from './client';
import { commitGrouped } from './group-commit';
import { users } from './schema';

const HOUSEHOLD = 'household-1';

/**
 * A database with a bus, and a second connection to the same file: what the
 * second one sees is what was committed, never the batch's open transaction.
 */
function setUp() {
  const dataDir = makeDataDir();
  const database: DatabaseHandle = openDatabase(dataDir);
  const observer = new Database(path.join(dataDir, 'honeydo.sqlite'), { readonly: true });
  const bus = createInProcessEventBus();
  const deps = { db: database.db, bus };
  const committedUserIds = () => (observer.prepare('SELECT id FROM users ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  /** A mutation as the routers write one: a row and its event, grouped with whatever else arrives now. */
  const addUser = (id: string, fail = false) =>
    commitGrouped(database.db, () =>
      commitAndPublish(deps, { userId: id }, (tx, emit) => {
        tx.insert(users).values({ id, displayName: id, createdAt: Date.now() }).run();
        emit(HOUSEHOLD, { type: 'system:notification', level: 'info', message: `hello from ${id}`, toUserId: null });
        if (fail) throw new Error(`${id} changed its mind`);
        return id;
      }),
    );
  return {
    bus,
    addUser,
    committedUserIds,
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

/** Each published event, with what another connection could see at that moment. */
function recordPublishes(env: ReturnType<typeof setUp>) {
  const published: { event: PublishedEvent; committedThen: string[] }[] = [];
  const stop = new AbortController();
  const live = env.bus.listen(HOUSEHOLD, stop.signal);
  void (async () => {
    for await (const event of live) published.push({ event, committedThen: env.committedUserIds() });
  })();
  return { published, stop: () => stop.abort() };
}

describe('group commit', () => {
  it('mutations that arrive together each get their own answer, after all of them are committed', async () => {
    const env = (current = setUp());
    const recorder = recordPublishes(env);
    const answers = await Promise.all(['ann', 'bob', 'cat'].map((id) => env.addUser(id)));
    await new Promise((resolve) => setImmediate(resolve));
    recorder.stop();

    expect(answers).toEqual(['ann', 'bob', 'cat']);
    expect(env.committedUserIds()).toEqual(['ann', 'bob', 'cat']);
    // Published in the order the mutations ran, which is the order of their event ids…
    expect(recorder.published.map(({ event }) => event.event.type === 'system:notification' && event.event.message)).toEqual([
      'hello from ann',
      'hello from bob',
      'hello from cat',
    ]);
    const ids = recorder.published.map(({ event }) => event.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // …and not one of them before the whole batch was on disk.
    for (const { committedThen } of recorder.published) expect(committedThen).toEqual(['ann', 'bob', 'cat']);
  });

  it('a mutation that throws is undone alone: its caller gets its error, the others commit, and its event is never published', async () => {
    const env = (current = setUp());
    const recorder = recordPublishes(env);
    const outcomes = await Promise.allSettled([env.addUser('ann'), env.addUser('bob', true), env.addUser('cat')]);
    await new Promise((resolve) => setImmediate(resolve));
    recorder.stop();

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('bob changed its mind'));
    expect(env.committedUserIds()).toEqual(['ann', 'cat']);
    expect(recorder.published.map(({ event }) => event.event.type === 'system:notification' && event.event.message)).toEqual([
      'hello from ann',
      'hello from cat',
    ]);
  });

  it('a caller is answered only once its change can be read from another connection', async () => {
    const env = (current = setUp());
    const answered = env.addUser('ann').then(() => env.committedUserIds());
    expect(env.committedUserIds()).toEqual([]);
    expect(await answered).toEqual(['ann']);
  });
});
