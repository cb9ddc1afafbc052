import type { DeviceKind } from '../../../shared/types';
import { perSession } from '../../lib/per-session';

/** How long a change of yours is news enough to say which devices have it. */
export const SEEN_NEWS_MS = 5 * 60_000;

/**
 * Event ids this page remembers the arrival of. Far more than a household
 * makes in `SEEN_NEWS_MS`; a change whose id was forgotten just stops saying
 * who has it.
 */
const REMEMBERED_IDS = 5000;

export interface SeenDevice {
  userId: string;
  deviceId: string;
  device: DeviceKind;
}

const arrivalKey = (householdId: string, eventId: string) => `${householdId} ${eventId}`;

export interface ItemChange {
  itemId: string;
  householdId: string;
  eventId: string;
  /** When the server committed it, in ms. */
  at: number;
  /** Made by the person signed in here (on any of their devices). */
  mine: boolean;
}

export interface SeenReport extends SeenDevice {
  householdId: string;
  lastEventId: string;
}

/**
 * Which other members' devices have applied the latest change to an item,
 * when that change is yours and recent ("Sam's phone has it").
 *
 * Event ids are opaque, and each household's own (the same id in two
 * households names two events): "at or after" is told by the order this
 * page received a household's ids in, which is its commit order. A device's
 * report names an id every member's stream delivers before the report
 * itself (the server sees to it), so an id this page never received is older
 * than anything it remembers, and has nothing of ours.
 */
export class SeenBy {
  private readonly arrivals = new Map<string, number>();
  private nextArrival = 0;
  private readonly changes = new Map<string, { householdId: string; arrival: number; at: number }>();
  private readonly devices = new Map<string, SeenDevice & { householdId: string; arrival: number }>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  /** Every id of a household's stream, in the order it arrived. */
  arrived(householdId: string, eventId: string): void {
    const key = arrivalKey(householdId, eventId);
    if (this.arrivals.has(key)) return;
    this.arrivals.set(key, this.nextArrival++);
    if (this.arrivals.size > REMEMBERED_IDS) this.arrivals.delete(this.arrivals.keys().next().value as string);
  }

  /**
   * The latest change to an item: only yours are followed, anyone else's ends what was said of yours.
   * Only your latest change in the household says who has it: a device that has it has everything
   * before it, and a line on every row you touched would push the list about while you work in it.
   */
  changed({ itemId, householdId, eventId, at, mine }: ItemChange): void {
    const arrival = this.arrivals.get(arrivalKey(householdId, eventId));
    if (!mine || arrival === undefined) {
      this.changes.delete(itemId);
      return;
    }
    for (const [otherItemId, change] of this.changes) if (change.householdId === householdId) this.changes.delete(otherItemId);
    this.changes.set(itemId, { householdId, arrival, at });
  }

  reported({ householdId, userId, deviceId, device, lastEventId }: SeenReport): void {
    const arrival = this.arrivals.get(arrivalKey(householdId, lastEventId));
    const known = this.devices.get(deviceId);
    if (arrival === undefined || (known && known.arrival >= arrival)) return;
    this.devices.set(deviceId, { householdId, userId, deviceId, device, arrival });
    this.version++;
    this.listeners.forEach((listener) => listener());
  }

  /** The devices of `others` that have the latest change to `itemId`, while it is yours and recent. */
  devicesThatHave(itemId: string, now: number, isOther: (userId: string) => boolean): SeenDevice[] {
    const change = this.changes.get(itemId);
    if (!change || now - change.at > SEEN_NEWS_MS) return [];
    return [...this.devices.values()]
      .filter((device) => device.householdId === change.householdId && device.arrival >= change.arrival && isOther(device.userId))
      .map(({ userId, deviceId, device }) => ({ userId, deviceId, device }));
  }

  /** For `useSyncExternalStore`: a report changes what rows say without changing any item. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): number => this.version;
}

export const seenByOf = perSession(() => new SeenBy());
