import type { HouseholdEventOf } from '../../shared/events';

type Seen = HouseholdEventOf<'household:seen'>;

/** Devices remembered per household; a device not heard from in a long while makes room for a new one. */
const DEVICES_PER_HOUSEHOLD = 50;

/**
 * The latest `household:seen` of each device, per household, in this
 * process's memory. A stream that starts (a reload, a reconnect after a
 * tunnel) hears where the other devices stand, as it hears who is online,
 * rather than waiting for their next report. Lost on a restart, like
 * presence: the next event each device applies reports again.
 */
export class LatestSeen {
  private readonly households = new Map<string, Map<string, Seen>>();

  record(seen: Seen): void {
    const devices = this.households.get(seen.householdId) ?? new Map<string, Seen>();
    this.households.set(seen.householdId, devices);
    // Deleted first, so the map's order stays oldest report first.
    devices.delete(seen.deviceId);
    devices.set(seen.deviceId, seen);
    if (devices.size > DEVICES_PER_HOUSEHOLD) devices.delete(devices.keys().next().value as string);
  }

  of(householdId: string): Seen[] {
    return [...(this.households.get(householdId)?.values() ?? [])];
  }
}
