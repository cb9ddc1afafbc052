import type { DeviceKind } from '../../../shared/types';
import type { Deps } from '../../deps';
import { DomainError } from '../../domain-error';
import type { Actor } from '../../events/actor';
import { latestEventId, newestSharedEventId } from '../../events/event-log';
import { stampEvent } from '../../events/stamp-event';

export interface AppliedReport {
  householdId: string;
  deviceId: string;
  device: DeviceKind;
  /** The last event id the device applied, as its stream delivered it. */
  lastEventId: string;
}

/**
 * A member's device says how far it has applied the household's stream; the
 * household's subscribers hear it as `household:seen`, like presence: it is
 * not a change to the household, so nothing is stored and nothing replays it
 * (a stream that starts hears each device's latest, from memory).
 *
 * A device's last id may be one only it received (a notification to it, or
 * the position its stream started at). The event carries the newest event
 * for everyone at or before it instead, so every member's app finds that id
 * in its own stream and can tell which of its changes came before it.
 */
export function reportApplied(deps: Deps, actor: Actor, report: AppliedReport): void {
  const reported = Number(report.lastEventId);
  if (reported > latestEventId(deps.db, report.householdId)) {
    throw new DomainError('invalid', 'lastEventId is later than any event of this household: send an id received from events.household.');
  }
  const shared = newestSharedEventId(deps.db, report.householdId, reported);
  if (shared === null) return;
  const event = stampEvent(
    { type: 'household:seen', deviceId: report.deviceId, device: report.device, lastEventId: String(shared) },
    { householdId: report.householdId, actorId: actor.userId },
  );
  deps.latestSeen.record(event);
  deps.bus.publish({ id: null, event, recipientId: null });
}
