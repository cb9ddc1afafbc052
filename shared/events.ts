import type { DeviceKind, Household, ItemField, Member, ShoppingItem, ShoppingList } from './types';

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
  'household:seen',
  'system:notification',
  'sync:reset',
] as const;

export type HouseholdEventType = (typeof EVENT_TYPES)[number];

/** Events that say how things stand, not what changed: never stored, replayed or listed as activity. */
export const EPHEMERAL_EVENT_TYPES: ReadonlySet<HouseholdEventType> = new Set(['household:presence', 'household:seen', 'sync:reset']);

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
  /** `restored`: brought back by an undo. */
  'shopping:item:added': { listId: string; item: ShoppingItem; reason?: 'added' | 'restored' };
  /** `fields`: what this change set (an add merged into the item sets `quantity`, say). `merged`: an add became this update. */
  'shopping:item:updated': { listId: string; item: ShoppingItem; fields?: ItemField[]; merged?: boolean };
  /** `cleared`: one of the items a "clear checked" removed together; `name` for the activity view. */
  'shopping:item:removed': { listId: string; itemId: string; name?: string; reason?: 'removed' | 'cleared' };
  'shopping:list:created': { list: ShoppingList };
  'shopping:list:updated': { list: ShoppingList };
  'shopping:list:removed': { listId: string };
  'household:member:joined': { member: Member };
  'household:member:left': { userId: string; reason: 'left' | 'removed' };
  'household:updated': { household: Household };
  'household:presence': { online: string[] };
  /**
   * One of the actor's devices has applied every event of this household up
   * to `lastEventId`, an id every member's stream delivers (the server picks
   * the newest event for the whole household at or before what the device
   * reported).
   */
  'household:seen': { deviceId: string; device: DeviceKind; lastEventId: string };
  'system:notification': { level: 'info'; message: string; toUserId: string | null };
  'sync:reset': { reason: 'retention' | 'unknown-event-id' };
}

export type HouseholdEventOf<T extends HouseholdEventType> = { type: T } & Payloads[T] & EventMeta;

export type HouseholdEvent = { [T in HouseholdEventType]: HouseholdEventOf<T> }[HouseholdEventType];

/**
 * One line of a household's activity (`household.activity`): an event, or a
 * run of events one action caused together ("cleared 6 checked items"), in
 * which case `event` is the newest of them and `count` how many there were.
 */
export interface ActivityEntry {
  /** The event id of `event`. */
  id: string;
  event: HouseholdEvent;
  count: number;
}

/** An event without its metadata: what a service describes before the commit stamps it. */
export type HouseholdEventBody = { [T in HouseholdEventType]: { type: T } & Payloads[T] }[HouseholdEventType];
