import type { HouseholdEvent } from './events';

/**
 * Whether two events are removals that one "clear checked" made together
 * (same member, same list, same commit, same call): the activity view shows
 * them as one entry. The server groups stored events by it, the SPA live ones.
 */
export function sameClear(a: HouseholdEvent, b: HouseholdEvent): boolean {
  return (
    a.type === 'shopping:item:removed' &&
    b.type === 'shopping:item:removed' &&
    a.reason === 'cleared' &&
    b.reason === 'cleared' &&
    a.listId === b.listId &&
    a.actorId === b.actorId &&
    a.at === b.at &&
    a.clientId === b.clientId
  );
}
