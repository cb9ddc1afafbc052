import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../shared/categories';
import { connectClient, refusalOf } from '../../tests/support/clients';
import { countOf, recordEvents, type Received } from '../../tests/support/event-recorder';
import { makeDataDir, startServer } from '../../tests/support/test-server';
import { loadOrCreateLocalKeys } from '../auth/local-keys';
import { signSessionToken } from '../auth/session-token';
import { stampEvent } from '../events/stamp-event';
import { databaseFile } from './client';
import { eventLog, households, itemMemory, mutationReceipts, shoppingItems } from './schema';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** A copy of the first `count` migrations: the schema as an older release left a database. */
function olderMigrations(count: number, dir: string): string {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const entries = journal.entries.slice(0, count);
  mkdirSync(path.join(dir, 'meta'), { recursive: true });
  for (const { tag } of entries) copyFileSync(path.join(MIGRATIONS, `${tag}.sql`), path.join(dir, `${tag}.sql`));
  writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

const T0 = Date.parse('2026-11-01T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** What the release before the list features answered to an add of "Milk". */
const oldMilkAnswer = {
  id: 'item-milk',
  listId: 'list-1',
  name: 'Milk',
  quantity: 2,
  note: null,
  checked: false,
  addedBy: 'user-alex',
  checkedBy: null,
  checkedAt: null,
  createdAt: iso(T0 + 1),
  updatedAt: iso(T0 + 1),
  version: 1,
};

/** A database at migration 0001 (add receipts, before the list features), holding a household, items and an add receipt. */
function databaseBeforeListFeatures(dataDir: string): void {
  const sqlite = new Database(databaseFile(dataDir));
  sqlite.pragma('foreign_keys = ON');
  migrate(drizzle(sqlite), { migrationsFolder: olderMigrations(2, path.join(dataDir, 'migrations-0001')) });
  const run = (statement: string, ...values: unknown[]) => sqlite.prepare(statement).run(...values);
  run('INSERT INTO users (id, display_name, created_at) VALUES (?, ?, ?)', 'user-alex', 'Alex', T0);
  run('INSERT INTO households (id, name, invite_code, created_by, created_at) VALUES (?, ?, ?, ?, ?)', 'home-1', 'Home', 'ABCDEFGH', 'user-alex', T0);
  run('INSERT INTO household_members (household_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)', 'home-1', 'user-alex', 'owner', T0);
  run('INSERT INTO shopping_lists (id, household_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', 'list-1', 'home-1', 'Shopping', T0, T0);
  const item = 'INSERT INTO shopping_items (id, list_id, name, quantity, checked, added_by, checked_by, checked_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  run(item, 'item-milk', 'list-1', 'Milk', 2, 0, 'user-alex', null, null, T0 + 1, T0 + 1);
  run(item, 'item-bread-1', 'list-1', 'Bread', null, 1, 'user-alex', 'user-alex', T0 + 3, T0 + 2, T0 + 3);
  run(item, 'item-bread-2', 'list-1', 'Bread', null, 1, 'user-alex', 'user-alex', T0 + 5, T0 + 4, T0 + 5);
  run('INSERT INTO add_receipts (user_id, client_id, item, at) VALUES (?, ?, ?, ?)', 'user-alex', 'old-add-0001', JSON.stringify(oldMilkAnswer), Date.now());
  sqlite.close();
}

/** The household each event of the log before the per-household sequence belongs to, in id order: ids 1 to 6, interleaved. */
const OLD_LOG = ['home-1', 'home-2', 'home-1', 'home-1', 'home-2', 'home-2'];

/**
 * A database at migration 0005 (before the per-household sequence): two
 * households whose events interleave in the global ids, the oldest one
 * already pruned.
 */
function databaseBeforeHouseholdSequence(dataDir: string): void {
  const sqlite = new Database(databaseFile(dataDir));
  sqlite.pragma('foreign_keys = ON');
  migrate(drizzle(sqlite), { migrationsFolder: olderMigrations(6, path.join(dataDir, 'migrations-0005')) });
  const run = (statement: string, ...values: unknown[]) => sqlite.prepare(statement).run(...values);
  run('INSERT INTO users (id, display_name, created_at) VALUES (?, ?, ?)', 'user-alex', 'Alex', T0);
  for (const [id, code] of [['home-1', 'HOMEONE1'], ['home-2', 'HOMETWO2']] as const) {
    run('INSERT INTO households (id, name, invite_code, created_by, created_at) VALUES (?, ?, ?, ?, ?)', id, id, code, 'user-alex', T0);
    run('INSERT INTO household_members (household_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)', id, 'user-alex', 'owner', T0);
    run('INSERT INTO shopping_lists (id, household_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', `list-of-${id}`, id, 'Shopping', T0, T0);
  }
  OLD_LOG.forEach((householdId, index) => {
    const event = stampEvent({ type: 'shopping:list:removed', listId: `old-${index + 1}` }, { householdId, actorId: 'user-alex', at: iso(Date.now()) });
    run('INSERT INTO event_log (household_id, type, recipient_id, payload, at) VALUES (?, ?, ?, ?, ?)', householdId, event.type, null, JSON.stringify(event), Date.now());
  });
  run('DELETE FROM event_log WHERE id = 1');
  sqlite.close();
}

const storedIds = (received: Received[]) => received.filter((r) => r.event.type !== 'household:presence').map((r) => r.id);

describe('database migrations', () => {
  it('a database from before the per-household sequence is upgraded: each event is numbered by its old id, and a cursor from before resumes with exactly what follows it', async () => {
    const dataDir = makeDataDir();
    databaseBeforeHouseholdSequence(dataDir);
    const token = await signSessionToken(loadOrCreateLocalKeys(dataDir).privateKeyPem, { userId: 'user-alex', sessionId: 'sess-old-0005', ttlSeconds: 60 });

    await using server = await startServer({}, dataDir);
    const { db } = server.app.deps;
    expect(db.select({ id: eventLog.id, householdId: eventLog.householdId, seq: eventLog.seq }).from(eventLog).orderBy(eventLog.id).all()).toEqual(
      OLD_LOG.map((householdId, index) => ({ id: index + 1, householdId, seq: index + 1 })).slice(1),
    );
    // Not each household's own newest (4 for home-1): a stream's cursor could be any household's id, up to the highest given.
    expect(db.select({ id: households.id, eventSeq: households.eventSeq }).from(households).orderBy(households.id).all()).toEqual([
      { id: 'home-1', eventSeq: 6 },
      { id: 'home-2', eventSeq: 6 },
    ]);

    await using alex = connectClient(server.url, token);
    // A cursor naming an event of the household: the household's events after it, then the new ones, numbered above every old id.
    const fromOwnEvent = recordEvents(alex.api, 'home-1', '3');
    // A cursor a stream started at, which named the other household's event: nothing of the household is skipped either.
    const fromOtherEvent = recordEvents(alex.api, 'home-1', '5');
    await Promise.all([fromOwnEvent, fromOtherEvent].map((events) => events.waitUntil(...countOf('household:presence', 1))));
    await alex.api.shopping.items.add.mutate({ listId: 'list-of-home-1', name: 'Milk' });
    await Promise.all([fromOwnEvent, fromOtherEvent].map((events) => events.waitUntil(...countOf('shopping:item:added', 1))));
    expect(storedIds(fromOwnEvent.received)).toEqual(['4', '7']);
    expect(storedIds(fromOtherEvent.received)).toEqual(['7']);
    fromOwnEvent.stop();
    fromOtherEvent.stop();

    // The activity pages on from a cursor taken before the upgrade.
    const older = await alex.api.household.activity.query({ householdId: 'home-1', before: '4', limit: 10 });
    expect(older).toEqual({ entries: [expect.objectContaining({ id: '3' })], nextBefore: null });
    // The other household goes on from the same highest number: its numbers are its own from here.
    await alex.api.shopping.items.add.mutate({ listId: 'list-of-home-2', name: 'Bread' });
    expect(db.select({ seq: households.eventSeq }).from(households).orderBy(households.id).all()).toEqual([{ seq: 7 }, { seq: 7 }]);
  });


  it('a database from before the list features is upgraded: items get their merge key, add receipts still answer retries, past items seed the suggestions', async () => {
    const dataDir = makeDataDir();
    databaseBeforeListFeatures(dataDir);
    const token = await signSessionToken(loadOrCreateLocalKeys(dataDir).privateKeyPem, { userId: 'user-alex', sessionId: 'sess-old-0001', ttlSeconds: 60 });

    await using server = await startServer({}, dataDir);
    const { db } = server.app.deps;
    expect(db.select({ id: shoppingItems.id, nameKey: shoppingItems.nameKey }).from(shoppingItems).orderBy(shoppingItems.createdAt).all()).toEqual([
      { id: 'item-milk', nameKey: 'milk' },
      { id: 'item-bread-1', nameKey: 'bread' },
      { id: 'item-bread-2', nameKey: 'bread' },
    ]);
    expect(db.select().from(mutationReceipts).all()).toEqual([
      { userId: 'user-alex', clientId: 'old-add-0001', path: 'shopping.items.add', result: oldMilkAnswer, at: expect.any(Number) },
    ]);
    expect(db.select().from(itemMemory).orderBy(itemMemory.nameKey).all()).toEqual([
      { householdId: 'home-1', nameKey: 'bread', name: 'Bread', category: null, unit: null, timesAdded: 2, lastAddedAt: T0 + 4, lastCheckedAt: T0 + 5 },
      { householdId: 'home-1', nameKey: 'milk', name: 'Milk', category: null, unit: null, timesAdded: 1, lastAddedAt: T0 + 1, lastCheckedAt: null },
    ]);
    expect(db.all(sql`SELECT name FROM sqlite_master WHERE name = 'add_receipts'`)).toEqual([]);

    await using alex = connectClient(server.url, token);
    const { items } = alex.api.shopping;
    expect((await alex.api.household.get.query({ householdId: 'home-1' })).categories).toEqual([...DEFAULT_CATEGORIES]);
    expect(await items.getByList.query({ listId: 'list-1' })).toEqual([
      { ...oldMilkAnswer, unit: null, category: null, updatedBy: null },
      expect.objectContaining({ id: 'item-bread-1', unit: null, category: null, updatedBy: null, checkedAt: iso(T0 + 3) }),
      expect.objectContaining({ id: 'item-bread-2', unit: null, category: null, updatedBy: null, checkedAt: iso(T0 + 5) }),
    ]);

    // An add sent before the upgrade and retried after it gets its first answer and adds nothing.
    expect(await items.add.mutate({ listId: 'list-1', name: 'Milk', quantity: 2, clientId: 'old-add-0001' })).toEqual(oldMilkAnswer);
    expect(await refusalOf(items.update.mutate({ itemId: 'item-milk', checked: true, clientId: 'old-add-0001' }))).toMatchObject({ code: 'CONFLICT' });
    // The old row merges with a new add of its name.
    expect(await items.add.mutate({ listId: 'list-1', name: 'milk', quantity: 1 })).toMatchObject({ id: 'item-milk', quantity: 3, version: 2 });
    expect(await items.getByList.query({ listId: 'list-1' })).toHaveLength(3);

    expect(await items.suggest.query({ listId: 'list-1', query: 'b' })).toEqual([{ name: 'Bread', category: null, unit: null, lastCheckedAt: iso(T0 + 5) }]);
    expect(await items.recentlyChecked.query({ listId: 'list-1' })).toEqual([{ name: 'Bread', category: null, unit: null, lastCheckedAt: iso(T0 + 5) }]);
  });
});
