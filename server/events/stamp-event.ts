import type { EventMeta, HouseholdEventBody } from '../../shared/events';

/** Gives an event body the metadata every event carries: an event of the body's own type. */
export function stampEvent<Body extends HouseholdEventBody>(
  body: Body,
  meta: { householdId: string; actorId: string | null; at?: string; clientId?: string },
): Body & EventMeta {
  return {
    ...body,
    householdId: meta.householdId,
    actorId: meta.actorId,
    at: meta.at ?? new Date().toISOString(),
    ...(meta.clientId ? { clientId: meta.clientId } : {}),
  } as Body & EventMeta;
}
