import type { HouseholdWithPresence, Member } from '../../../shared/types';

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
