import type { HouseholdEvent } from '../../shared/events';
import { stampEvent } from './stamp-event';

/**
 * Who is online in a household. `add`/`remove` answer whether the caller
 * should announce a change of the online set itself (`household:presence`);
 * a tracker that announces by itself (fleet-presence.ts) answers false.
 */
export interface Presence {
  add(householdId: string, userId: string): boolean;
  remove(householdId: string, userId: string): boolean;
  online(householdId: string): string[];
}

/**
 * Who is online in each household of this process: a member counts as online
 * while at least one of their connections holds a household subscription.
 * `add`/`remove` answer whether the household's online set changed, so the
 * caller publishes `household:presence` only on a real change.
 */
export class PresenceTracker implements Presence {
  private readonly households = new Map<string, Map<string, number>>();

  add(householdId: string, userId: string): boolean {
    const members = this.households.get(householdId) ?? new Map<string, number>();
    this.households.set(householdId, members);
    const count = members.get(userId) ?? 0;
    members.set(userId, count + 1);
    return count === 0;
  }

  remove(householdId: string, userId: string): boolean {
    const members = this.households.get(householdId);
    const count = members?.get(userId) ?? 0;
    if (!members || count === 0) return false;
    if (count > 1) {
      members.set(userId, count - 1);
      return false;
    }
    members.delete(userId);
    if (members.size === 0) this.households.delete(householdId);
    return true;
  }

  online(householdId: string): string[] {
    return [...(this.households.get(householdId)?.keys() ?? [])].sort();
  }

  /** Every household with a member online here, with those members. */
  *entries(): Iterable<[householdId: string, userIds: Iterable<string>]> {
    for (const [householdId, members] of this.households) yield [householdId, members.keys()];
  }
}

/** The ephemeral event that says who is online in a household now. */
export function presenceEvent(householdId: string, online: string[]): HouseholdEvent {
  return stampEvent({ type: 'household:presence', online }, { householdId, actorId: null });
}
