import type { HouseholdEvent, HouseholdEventBody } from '../../shared/events';

/** Gives an event body the metadata every event carries. */
export function stampEvent(
  body: HouseholdEventBody,
  meta: { householdId: string; actorId: string | null; at?: string; clientId?: string },
): HouseholdEvent {
  return {
    ...body,
    householdId: meta.householdId,
    actorId: meta.actorId,
    at: meta.at ?? new Date().toISOString(),
    ...(meta.clientId ? { clientId: meta.clientId } : {}),
  } as HouseholdEvent;
}
