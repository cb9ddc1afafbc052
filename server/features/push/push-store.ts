import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { DEFAULT_PUSH_SETTINGS, type PushMode, type PushSettings } from '../../../shared/push';
import type { Db, Tx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { householdMembers, households, pushSettings, pushSubscriptions, users } from '../../db/schema';

export interface StoredSubscription {
  endpoint: string;
  userId: string;
  p256dh: string;
  auth: string;
}

/** A member who wants notices from a household and has a device to get them on. */
export interface Recipient {
  userId: string;
  mode: Exclude<PushMode, 'off'>;
  details: boolean;
  subscriptions: StoredSubscription[];
}

/**
 * Keeps `endpoint` as one of `userId`'s devices. An endpoint another user
 * had moves to this one (the browser it stands for signed in as them now);
 * past `perUser` devices the oldest other one is dropped, so the newest
 * devices keep getting notices.
 */
export function saveSubscription(tx: Tx, subscription: StoredSubscription, perUser: number, now: number): void {
  tx.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, subscription.endpoint)).run();
  const kept = tx
    .select({ endpoint: pushSubscriptions.endpoint })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, subscription.userId))
    .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.endpoint))
    .all();
  const excess = kept.length - (perUser - 1);
  if (excess > 0) {
    tx.delete(pushSubscriptions)
      .where(inArray(pushSubscriptions.endpoint, kept.slice(0, excess).map((row) => row.endpoint)))
      .run();
  }
  tx.insert(pushSubscriptions)
    .values({ ...subscription, createdAt: now })
    .run();
}

/** Forgets `userId`'s device at `endpoint` (another user's is left alone); answers whether there was one. */
export function deleteSubscription(tx: Tx, userId: string, endpoint: string): boolean {
  return tx.delete(pushSubscriptions).where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId))).run().changes > 0;
}

/** Forgets an endpoint its push service called gone (404 or 410). */
export function deleteGoneEndpoint(tx: Tx, endpoint: string): void {
  tx.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint)).run();
}

export function countSubscriptions(db: Db | Tx, userId: string): number {
  return db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)).all().length;
}

export function readSettings(db: Db | Tx, householdId: string, userId: string): PushSettings {
  const row = db
    .select({ mode: pushSettings.mode, details: pushSettings.details })
    .from(pushSettings)
    .where(and(eq(pushSettings.householdId, householdId), eq(pushSettings.userId, userId)))
    .get();
  return row ?? DEFAULT_PUSH_SETTINGS;
}

export function writeSettings(tx: Tx, householdId: string, userId: string, settings: PushSettings, now: number): void {
  tx.insert(pushSettings)
    .values({ householdId, userId, ...settings, updatedAt: now })
    .onConflictDoUpdate({ target: [pushSettings.householdId, pushSettings.userId], set: { ...settings, updatedAt: now } })
    .run();
}

/** The household's members who want its notices, with their devices; a member who left is none of them. */
/** Built once per database: the quiet check runs it for every household that changes. */
const recipientRows = preparedQuery((db) =>
  db
    .select({
      userId: pushSettings.userId,
      mode: pushSettings.mode,
      details: pushSettings.details,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
    })
    .from(pushSettings)
    .innerJoin(householdMembers, and(eq(householdMembers.householdId, pushSettings.householdId), eq(householdMembers.userId, pushSettings.userId)))
    .innerJoin(pushSubscriptions, eq(pushSubscriptions.userId, pushSettings.userId))
    .where(and(eq(pushSettings.householdId, sql.placeholder('householdId')), ne(pushSettings.mode, 'off')))
    .prepare(),
);

export function findRecipients(db: Db, householdId: string): Recipient[] {
  const rows = recipientRows(db).all({ householdId });
  const byUser = new Map<string, Recipient>();
  for (const { userId, mode, details, ...subscription } of rows) {
    if (mode === 'off') continue;
    const recipient = byUser.get(userId) ?? { userId, mode, details, subscriptions: [] };
    recipient.subscriptions.push({ userId, ...subscription });
    byUser.set(userId, recipient);
  }
  return [...byUser.values()];
}

/** Whether any member of the household wants its notices and has a device for them. */
export function hasRecipients(db: Db, householdId: string): boolean {
  return findRecipients(db, householdId).length > 0;
}

/** Display names by user id, and the household's name, for the words of a notice. */
export function namesFor(db: Db, householdId: string, userIds: readonly string[]): { household: string; people: Map<string, string> } {
  const household = db.select({ name: households.name }).from(households).where(eq(households.id, householdId)).get();
  const people = userIds.length
    ? db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, [...userIds])).all()
    : [];
  return { household: household?.name ?? 'HoneyDo', people: new Map(people.map((person) => [person.id, person.displayName])) };
}
