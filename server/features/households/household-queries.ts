import { asc, eq } from 'drizzle-orm';
import type { Household, HouseholdSummary } from '../../../shared/types';
import type { Db, Tx } from '../../db/client';
import { householdMembers, households, users } from '../../db/schema';
import { toIso } from '../../db/timestamps';

/** A household with its members, oldest member first; `undefined` if it does not exist. */
export function findHousehold(db: Db | Tx, householdId: string): Household | undefined {
  const household = db.select().from(households).where(eq(households.id, householdId)).get();
  if (!household) return undefined;
  const members = db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: householdMembers.role,
      joinedAt: householdMembers.joinedAt,
    })
    .from(householdMembers)
    .innerJoin(users, eq(users.id, householdMembers.userId))
    .where(eq(householdMembers.householdId, householdId))
    .orderBy(asc(householdMembers.joinedAt), asc(users.id))
    .all();
  return {
    id: household.id,
    name: household.name,
    inviteCode: household.inviteCode,
    createdAt: toIso(household.createdAt),
    categories: household.categories,
    members: members.map((member) => ({ ...member, joinedAt: toIso(member.joinedAt) })),
  };
}

/** Like `findHousehold`, for callers that have just checked membership. */
export function getHousehold(db: Db | Tx, householdId: string): Household {
  const household = findHousehold(db, householdId);
  if (!household) throw new Error(`household ${householdId} vanished inside its own transaction`);
  return household;
}

export function listHouseholdsOf(db: Db | Tx, userId: string): HouseholdSummary[] {
  return db
    .select({ id: households.id, name: households.name, role: householdMembers.role })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(eq(householdMembers.userId, userId))
    .orderBy(asc(householdMembers.joinedAt))
    .all();
}
