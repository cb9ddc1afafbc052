/**
 * Who is online in each household of this process: a member counts as online
 * while at least one of their connections holds a household subscription.
 * `add`/`remove` answer whether the household's online set changed, so the
 * caller publishes `household:presence` only on a real change.
 */
export class PresenceTracker {
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
}
