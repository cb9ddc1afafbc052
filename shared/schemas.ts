import { z } from 'zod';
import { LIMITS } from './limits';
import { DEVICE_KINDS } from './types';

/**
 * Every string the API takes. A lone UTF-16 surrogate cannot be stored as
 * UTF-8: SQLite would keep a replacement character of three bytes in its
 * place, changing the text and slipping past the length limits.
 */
const string = (label: string) =>
  z.string().refine((value) => value.isWellFormed(), `${label} holds a broken character (a lone UTF-16 surrogate): send valid Unicode text.`);

/**
 * Bidirectional embedding, override and isolate controls: in a name they
 * make text display in an order other than the one stored ("\u202Egnp.exe"
 * shows as "exe.png").
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;
/** Something a person can see: not whitespace, not an invisible format character, not a control. */
const VISIBLE = /[^\p{White_Space}\p{Cf}\p{Cc}\p{M}]/u;

/** Trimmed, non-empty, visible text of at most `max` characters, with a message a person can act on. */
const text = (label: string, max: number) =>
  string(label)
    .trim()
    .min(1, `${label} cannot be empty.`)
    .max(max, `${label} can be at most ${max} characters.`)
    .refine((value) => !BIDI_CONTROLS.test(value), `${label} cannot contain text-direction control characters.`)
    .refine((value) => value === '' || VISIBLE.test(value), `${label} has no visible characters.`);

const id = (label: string) =>
  string(label)
    .min(1, `${label} is required.`)
    .max(LIMITS.id, `${label} is not a valid id.`);

export const householdId = id('householdId');
export const listId = id('listId');
export const itemId = id('itemId');
export const userId = id('userId');

export const displayName = text('Display name', LIMITS.displayName);
export const householdName = text('Household name', LIMITS.householdName);
export const listName = text('List name', LIMITS.listName);
export const itemName = text('Item name', LIMITS.itemName);

/** An empty note clears it; `null` does the same for callers that prefer it. */
export const itemNote = string('Note')
  .trim()
  .max(LIMITS.itemNote, `Note can be at most ${LIMITS.itemNote} characters.`)
  .nullable();

/** What a quantity counts in; an empty unit clears it. */
export const itemUnit = string('Unit')
  .trim()
  .max(LIMITS.unit, `Unit can be at most ${LIMITS.unit} characters.`)
  .nullable()
  .transform((unit) => unit || null);

export const categoryName = text('Category', LIMITS.categoryName);

/** An item's category; an empty one clears it. */
export const itemCategory = string('Category')
  .trim()
  .max(LIMITS.categoryName, `Category can be at most ${LIMITS.categoryName} characters.`)
  .nullable()
  .transform((category) => category || null);

/** A household's categories in shop order: no blanks, no two alike (ignoring case). */
export const categoryList = z
  .array(categoryName)
  .max(LIMITS.categoriesPerHousehold, `A household can have at most ${LIMITS.categoriesPerHousehold} categories.`)
  .refine((names) => new Set(names.map((name) => name.toLocaleLowerCase())).size === names.length, 'Each category can appear only once.');

const pageSize = (max: number, byDefault: number) =>
  z.number().int('limit must be a whole number.').min(1, 'limit must be at least 1.').max(max, `limit can be at most ${max}.`).default(byDefault);

export const quantity = z
  .number()
  .positive('Quantity must be more than 0.')
  .max(LIMITS.maxQuantity, `Quantity can be at most ${LIMITS.maxQuantity}.`)
  .nullable();

/** Chosen by the caller, so a retried `add` can be recognised and applied once. */
export const clientId = z
  .string()
  .min(8, 'clientId must be at least 8 characters.')
  .max(LIMITS.clientId, `clientId can be at most ${LIMITS.clientId} characters.`)
  .regex(/^[A-Za-z0-9_-]+$/, 'clientId may contain only letters, digits, "-" and "_".');

export const inviteCode = string('Invite code')
  .trim()
  .min(1, 'Invite code cannot be empty.')
  .max(LIMITS.inviteCode, 'That is not a valid invite code.')
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''));

/** Event ids are the decimal ids of the server's event log. */
export const eventId = z.string().regex(/^\d{1,15}$/, 'lastEventId must be an id received from events.household.');

/** A browser profile's own random id: says which of a member's devices a report is from, nothing about the device. */
export const deviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'deviceId must be 8 to 64 letters, digits, "-" or "_".');

export const inputs = {
  signInLocal: z.object({ displayName, password: string('Password').max(200).optional() }),
  resumeLocal: z.object({
    userId,
    deviceKey: z.string().regex(/^[\w-]{43}$/, 'deviceKey must be the key this device got at sign-in.'),
    password: string('Password').max(200).optional(),
  }),
  renewConnection: z.object({ token: string('token').min(1, 'token is required.').max(8192, 'token is not a session token.') }),
  meUpdate: z.object({ displayName }),
  householdCreate: z.object({ name: householdName }),
  householdJoin: z.object({ inviteCode }),
  householdRef: z.object({ householdId }),
  householdRename: z.object({ householdId, name: householdName }),
  householdRemoveMember: z.object({ householdId, userId }),
  householdMergeEarlierSignIn: z.object({ householdId, userId }),
  householdNotify: z.object({
    householdId,
    message: text('Message', LIMITS.notification),
    toUserId: userId.optional(),
  }),
  listCreate: z.object({ householdId, name: listName }),
  listRename: z.object({ listId, name: listName }),
  listRef: z.object({ listId }),
  householdSetCategories: z
    .object({
      householdId,
      categories: categoryList,
      /** A category renamed in this change: its items, and the names that remember it, move to the new name. */
      renamed: z.object({ from: categoryName, to: categoryName }).optional(),
    })
    .refine(({ categories, renamed }) => !renamed || categories.some((name) => name.toLocaleLowerCase() === renamed.to.toLocaleLowerCase()), {
      message: 'renamed.to must be one of the categories.',
      path: ['renamed', 'to'],
    }),
  householdActivity: z.object({
    householdId,
    /** The `nextBefore` of the previous page; the newest entries without it. */
    before: eventId.optional(),
    limit: pageSize(LIMITS.activityPage, 30),
  }),
  itemAdd: z.object({
    listId,
    name: itemName,
    quantity: quantity.optional(),
    unit: itemUnit.optional(),
    note: itemNote.optional(),
    /** Without one, the category this name had last time in the household. */
    category: itemCategory.optional(),
    /** `false` adds a row of its own even when the list already has this name unticked. */
    merge: z.boolean().default(true),
    clientId: clientId.optional(),
  }),
  itemUpdate: z.object({
    itemId,
    name: itemName.optional(),
    quantity: quantity.optional(),
    unit: itemUnit.optional(),
    note: itemNote.optional(),
    category: itemCategory.optional(),
    checked: z.boolean().optional(),
    clientId: clientId.optional(),
  }),
  itemRemove: z.object({ itemId, clientId: clientId.optional() }),
  clearChecked: z.object({ listId, clientId: clientId.optional() }),
  itemRestore: z.object({
    listId,
    itemIds: z.array(itemId).min(1, 'Give at least one itemId to restore.').max(LIMITS.restoreBatch, `At most ${LIMITS.restoreBatch} items can be restored at once.`),
    clientId: clientId.optional(),
  }),
  itemSuggest: z.object({
    listId,
    /** What has been typed so far; names that start with it (ignoring case), most used first. */
    query: string('query').trim().max(LIMITS.itemName, `query can be at most ${LIMITS.itemName} characters.`),
    limit: pageSize(LIMITS.suggestions, 8),
  }),
  recentlyChecked: z.object({ listId, limit: pageSize(LIMITS.suggestions, 8) }),
  householdEvents: z.object({ householdId, lastEventId: eventId.nullish() }),
  eventsApplied: z.object({
    householdId,
    deviceId,
    device: z.enum(DEVICE_KINDS, `device must be one of ${DEVICE_KINDS.join(', ')}.`),
    lastEventId: eventId,
  }),
} as const;
