import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DEFAULT_CATEGORIES } from '../../shared/categories';

/** Milliseconds since the epoch; the API turns them into ISO strings. */
const timestamp = (name: string) => integer(name, { mode: 'number' });

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

/**
 * Local mode: a key handed to a device at sign-in, so that the same person
 * can come back on it after signing out. Only its SHA-256 is kept: the
 * database alone signs no one in.
 */
export const localDeviceKeys = sqliteTable(
  'local_device_keys',
  {
    keyHash: text('key_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('local_device_keys_user_idx').on(t.userId)],
);

export const households = sqliteTable('households', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  inviteCode: text('invite_code').notNull().unique(),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at').notNull(),
  /** Item categories in the order the list groups by. */
  categories: text('categories', { mode: 'json' })
    .$type<string[]>()
    .notNull()
    .default([...DEFAULT_CATEGORIES]),
  /**
   * The sequence number last given to an event of this household
   * (docs/decisions/0018-per-household-event-sequence.md): the next event
   * takes this plus one, in the transaction that writes it.
   */
  eventSeq: integer('event_seq').notNull().default(0),
});

export const householdMembers = sqliteTable(
  'household_members',
  {
    householdId: text('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ['owner', 'member'] }).notNull(),
    joinedAt: timestamp('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.userId] }), index('household_members_user_idx').on(t.userId)],
);

export const shoppingLists = sqliteTable(
  'shopping_lists',
  {
    id: text('id').primaryKey(),
    householdId: text('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [index('shopping_lists_household_idx').on(t.householdId)],
);

export const shoppingItems = sqliteTable(
  'shopping_items',
  {
    id: text('id').primaryKey(),
    listId: text('list_id')
      .notNull()
      .references(() => shoppingLists.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `name` as it compares: an add of the same key onto an unticked item merges into it. */
    nameKey: text('name_key').notNull().default(''),
    quantity: real('quantity'),
    unit: text('unit'),
    note: text('note'),
    category: text('category'),
    checked: integer('checked', { mode: 'boolean' }).notNull().default(false),
    addedBy: text('added_by')
      .notNull()
      .references(() => users.id),
    checkedBy: text('checked_by').references(() => users.id),
    checkedAt: timestamp('checked_at'),
    updatedBy: text('updated_by').references(() => users.id),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: integer('version').notNull().default(1),
    /**
     * Removed items are kept, hidden, for an undo (`shopping.items.restore`),
     * and deleted for good with the event log's retention.
     */
    removedAt: timestamp('removed_at'),
    removedBy: text('removed_by').references(() => users.id),
  },
  // Partial indexes: an add writes no page of either (its item is not removed, its name not yet ticked), and the queries that use them say `IS NOT NULL`.
  (t) => [index('shopping_items_list_idx').on(t.listId, t.nameKey), index('shopping_items_removed_idx').on(t.removedAt).where(sql`${t.removedAt} IS NOT NULL`)],
);

/**
 * Every name a household has put on a list: autocomplete, the category a
 * name had last time, and what was ticked off lately (one-tap re-add).
 */
export const itemMemory = sqliteTable(
  'item_memory',
  {
    householdId: text('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    nameKey: text('name_key').notNull(),
    /** The spelling used last. */
    name: text('name').notNull(),
    category: text('category'),
    unit: text('unit'),
    timesAdded: integer('times_added').notNull().default(0),
    lastAddedAt: timestamp('last_added_at').notNull(),
    lastCheckedAt: timestamp('last_checked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.nameKey] }),
    index('item_memory_checked_idx').on(t.householdId, t.lastCheckedAt).where(sql`${t.lastCheckedAt} IS NOT NULL`),
  ],
);

/**
 * What an item mutation with a `clientId` answered, kept apart from the item
 * so that a retry is recognised even after the item was removed (a retried
 * add must never bring it back, a retried remove must not fail). Pruned with
 * the event log.
 */
export const mutationReceipts = sqliteTable(
  'mutation_receipts',
  {
    userId: text('user_id').notNull(),
    clientId: text('client_id').notNull(),
    /** The procedure that answered, so a `clientId` reused for another change is refused. */
    path: text('path').notNull(),
    result: text('result', { mode: 'json' }).notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.clientId] }), index('mutation_receipts_at_idx').on(t.at)],
);

/**
 * Every household event, written in the same transaction as the change it
 * describes. `seq` numbers a household's events 1, 2, 3… in commit order and
 * is the resume cursor clients hold (docs/decisions/0018-per-household-event-sequence.md);
 * `id` is only the row's key, global, and orders nothing for a client.
 */
export const eventLog = sqliteTable(
  'event_log',
  {
    // A plain rowid, not AUTOINCREMENT: nothing outside the table reads it, and AUTOINCREMENT writes a page of sqlite_sequence with every event.
    id: integer('id').primaryKey(),
    householdId: text('household_id').notNull(),
    /** The event's number in its household's sequence (`households.event_seq` when it was written). */
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    /** Set for events meant for one member only (a targeted notification). */
    recipientId: text('recipient_id'),
    payload: text('payload', { mode: 'json' }).notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [uniqueIndex('event_log_household_seq_idx').on(t.householdId, t.seq), index('event_log_at_idx').on(t.at)],
);

/** The member a push row is theirs. */
const pushUser = () =>
  text('user_id')
    .notNull()
    .references(() => users.id);

/**
 * A browser's Web Push subscription (docs/decisions/0020-web-push.md): where
 * the push service takes notices for one device of one user, and the keys
 * they are encrypted to. An endpoint belongs to one user at a time.
 */
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    endpoint: text('endpoint').primaryKey(),
    userId: pushUser(),
    /** The browser's P-256 public key, base64url. */
    p256dh: text('p256dh').notNull(),
    /** The browser's auth secret, base64url. */
    auth: text('auth').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);

/** What a member wants pushed from one household; no row is `off`. */
export const pushSettings = sqliteTable(
  'push_settings',
  {
    householdId: text('household_id').notNull().references(() => households.id, { onDelete: 'cascade' }),
    userId: pushUser(),
    mode: text('mode', { enum: ['off', 'everything', 'digest'] }).notNull(),
    /** Item names and messages in the notices; without, no item text leaves the server. */
    details: integer('details', { mode: 'boolean' }).notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.householdId, t.userId] })],
);
