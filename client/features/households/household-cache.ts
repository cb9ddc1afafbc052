import type { QueryClient } from '@tanstack/react-query';
import { getMutationKey } from '@trpc/react-query';
import type { HouseholdWithPresence, Member } from '../../../shared/types';
import { trpc } from '../../lib/trpc';

/** Changes to a household's categories go one at a time, in order: each sends the whole list as meant after the one before. */
export const categoriesScope = (householdId: string) => ({ id: `categories:${householdId}` });

/**
 * Our changes to the household's categories the server has not answered yet.
 * While one is, a server copy of the categories is older than what is shown.
 */
export function categorySavesPending(queryClient: QueryClient, householdId: string): number {
  const scope = categoriesScope(householdId).id;
  return queryClient.isMutating({
    mutationKey: getMutationKey(trpc.household.setCategories),
    predicate: (mutation) => mutation.options.scope?.id === scope,
  });
}

/** Pure updates of a cached `household.get`. */

export function withMember(household: HouseholdWithPresence, member: Member): HouseholdWithPresence {
  if (household.members.some((existing) => existing.id === member.id)) return household;
  return { ...household, members: [...household.members, member] };
}

export function withoutMember(household: HouseholdWithPresence, userId: string): HouseholdWithPresence {
  return {
    ...household,
    members: household.members.filter((member) => member.id !== userId),
    online: household.online.filter((id) => id !== userId),
  };
}

/** Members in a stable order: you first, then who is online, then by name. */
export function orderMembers(members: readonly Member[], online: readonly string[], meId: string): Member[] {
  const rank = (member: Member) => (member.id === meId ? 0 : online.includes(member.id) ? 1 : 2);
  return [...members].sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
}
