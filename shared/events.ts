import type { Household, Member, ShoppingItem, ShoppingList } from './types';

/**
 * Every event a household's subscribers can receive, as a union discriminated
 * on `type`. The names are part of the public contract.
 */
export const EVENT_TYPES = [
  'shopping:item:added',
  'shopping:item:updated',
  'shopping:item:removed',
  'shopping:list:created',
  'shopping:list:updated',
  'shopping:list:removed',
  'household:member:joined',
  'household:member:left',
  'household:updated',
  'household:presence',
  'system:notification',
  'sync:reset',
] as const;

export type HouseholdEventType = (typeof EVENT_TYPES)[number];

/** What every event carries besides its own payload. */
export interface EventMeta {
  householdId: string;
  /** The user who caused the event; `null` for the server's own (presence, reset). */
  actorId: string | null;
  /** ISO 8601 time the change committed. */
  at: string;
  /** The `clientId` of the mutation that caused it, so a client recognises its own echo. */
  clientId?: string;
}

interface Payloads {
  'shopping:item:added': { listId: string; item: ShoppingItem };
  'shopping:item:updated': { listId: string; item: ShoppingItem };
  'shopping:item:removed': { listId: string; itemId: string };
  'shopping:list:created': { list: ShoppingList };
  'shopping:list:updated': { list: ShoppingList };
  'shopping:list:removed': { listId: string };
  'household:member:joined': { member: Member };
  'household:member:left': { userId: string; reason: 'left' | 'removed' };
  'household:updated': { household: Household };
  'household:presence': { online: string[] };
  'system:notification': { level: 'info'; message: string; toUserId: string | null };
  'sync:reset': { reason: 'retention' | 'unknown-event-id' };
}

export type HouseholdEventOf<T extends HouseholdEventType> = { type: T } & Payloads[T] & EventMeta;

export type HouseholdEvent = { [T in HouseholdEventType]: HouseholdEventOf<T> }[HouseholdEventType];

/** An event without its metadata: what a service describes before the commit stamps it. */
export type HouseholdEventBody = { [T in HouseholdEventType]: { type: T } & Payloads[T] }[HouseholdEventType];
