import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../shared/types';
import type { Db, Tx } from '../db/client';
import { preparedQuery } from '../db/prepared';
import { householdMembers, households } from '../db/schema';
import { DomainError } from '../domain-error';

/**
 * The caller's role in a household, or the reason they get nothing: a
 * household that does not exist is NOT_FOUND, one they do not belong to is
 * FORBIDDEN. Every procedure that touches a household goes through here.
 */
const selectRole = preparedQuery((db) =>
  db
    .select({ role: householdMembers.role })
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, sql.placeholder('householdId')), eq(householdMembers.userId, sql.placeholder('userId'))))
    .prepare(),
);

export function requireMembership(db: Db | Tx, householdId: string, userId: string): Role {
  const membership = selectRole(db).get({ householdId, userId });
  if (membership) return membership.role;
  const exists = db.select({ id: households.id }).from(households).where(eq(households.id, householdId)).get();
  if (!exists) throw new DomainError('not-found', 'That household does not exist.');
  throw new DomainError('forbidden', 'You are not a member of this household.');
}

export function requireOwner(db: Db | Tx, householdId: string, userId: string): void {
  if (requireMembership(db, householdId, userId) !== 'owner') {
    throw new DomainError('forbidden', 'Only the household owner can do that.');
  }
}
