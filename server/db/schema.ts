import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; the API turns them into ISO strings. */
const timestamp = (name: string) => integer(name, { mode: 'number' });

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

export const households = sqliteTable('households', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  inviteCode: text('invite_code').notNull().unique(),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: timestamp('created_at').notNull(),
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
    quantity: real('quantity'),
    note: text('note'),
    checked: integer('checked', { mode: 'boolean' }).notNull().default(false),
    addedBy: text('added_by')
      .notNull()
      .references(() => users.id),
    checkedBy: text('checked_by').references(() => users.id),
    checkedAt: timestamp('checked_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('shopping_items_list_idx').on(t.listId)],
);

/**
 * What an `add` with a `clientId` answered, kept apart from the item so that
 * a retry is recognised even after the item was removed (a retry must never
 * bring it back). Pruned with the event log.
 */
export const addReceipts = sqliteTable(
  'add_receipts',
  {
    userId: text('user_id').notNull(),
    clientId: text('client_id').notNull(),
    item: text('item', { mode: 'json' }).notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.clientId] }), index('add_receipts_at_idx').on(t.at)],
);

/**
 * Every household event, written in the same transaction as the change it
 * describes. AUTOINCREMENT keeps ids rising even after old rows are pruned, so
 * an id is a safe resume cursor.
 */
export const eventLog = sqliteTable(
  'event_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    householdId: text('household_id').notNull(),
    type: text('type').notNull(),
    /** Set for events meant for one member only (a targeted notification). */
    recipientId: text('recipient_id'),
    payload: text('payload', { mode: 'json' }).notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [index('event_log_household_idx').on(t.householdId, t.id), index('event_log_at_idx').on(t.at)],
);
