import { and, asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Household } from '../../../shared/types';
import { requireMembership, requireOwner } from '../../auth/membership';
import type { Tx } from '../../db/client';
import { countRows } from '../../db/count-rows';
import { householdMembers, households, shoppingLists } from '../../db/schema';
import type { ServiceDeps } from '../../deps';
import { enforceLimit } from '../../limits';
import type { Commit, Emit, Work } from '../../events/commit';
import { getHousehold } from './household-queries';
import { refileCategory } from '../shopping/refile-category';
import { newInviteCode } from './invite-code';
import { unknownInviteCode } from './invite-preview';
import { DomainError } from '../../domain-error';

export const DEFAULT_LIST_NAME = 'Shopping';

export function createHousehold(deps: ServiceDeps, commit: Commit, input: { name: string }): Promise<Household> {
  return commit((tx, _emit, actor) => {
    enforceHouseholdsPerUser(tx, deps, actor.userId);
    const now = Date.now();
    const id = randomUUID();
    tx.insert(households).values({ id, name: input.name, inviteCode: newInviteCode(), createdBy: actor.userId, createdAt: now }).run();
    tx.insert(householdMembers).values({ householdId: id, userId: actor.userId, role: 'owner', joinedAt: now }).run();
    tx.insert(shoppingLists).values({ id: randomUUID(), householdId: id, name: DEFAULT_LIST_NAME, createdAt: now, updatedAt: now }).run();
    return getHousehold(tx, id);
  });
}

/** Joining twice is harmless: the second call returns the household and announces nothing. */
export function joinHousehold(deps: ServiceDeps, commit: Commit, input: { inviteCode: string }): Promise<Household> {
  return commit((tx, emit, actor) => {
    const household = tx.select().from(households).where(eq(households.inviteCode, input.inviteCode)).get();
    if (!household) throw unknownInviteCode();
    const already = tx
      .select()
      .from(householdMembers)
      .where(and(eq(householdMembers.householdId, household.id), eq(householdMembers.userId, actor.userId)))
      .get();
    if (!already) {
      enforceHouseholdsPerUser(tx, deps, actor.userId);
      const max = deps.config.limits.membersPerHousehold;
      enforceLimit(countRows(tx, householdMembers, eq(householdMembers.householdId, household.id)), max, `${household.name} already has ${max} members, the most a household can have.`);
      tx.insert(householdMembers).values({ householdId: household.id, userId: actor.userId, role: 'member', joinedAt: Date.now() }).run();
      const joined = getHousehold(tx, household.id);
      const member = joined.members.find((m) => m.id === actor.userId);
      if (member) emit(household.id, { type: 'household:member:joined', member });
    }
    return getHousehold(tx, household.id);
  });
}

function enforceHouseholdsPerUser(tx: Tx, deps: ServiceDeps, userId: string): void {
  const max = deps.config.limits.householdsPerUser;
  enforceLimit(countRows(tx, householdMembers, eq(householdMembers.userId, userId)), max, `You already belong to ${max} households, the most one person can: leave one first.`);
}

/**
 * Leaving hands ownership to the longest-standing member, so a household is
 * never left without an owner; the last member out deletes it.
 */
export function leaveHousehold(commit: Commit, input: { householdId: string }): Promise<void> {
  return commit((tx, emit, actor) => {
    const role = requireMembership(tx, input.householdId, actor.userId);
    deleteMembership(tx, emit, input.householdId, actor.userId, 'left');
    const successor = tx
      .select({ userId: householdMembers.userId })
      .from(householdMembers)
      .where(eq(householdMembers.householdId, input.householdId))
      .orderBy(asc(householdMembers.joinedAt))
      .get();
    if (!successor) {
      tx.delete(households).where(eq(households.id, input.householdId)).run();
      return;
    }
    if (role === 'owner') {
      tx.update(householdMembers)
        .set({ role: 'owner' })
        .where(and(eq(householdMembers.householdId, input.householdId), eq(householdMembers.userId, successor.userId)))
        .run();
      emit(input.householdId, { type: 'household:updated', household: getHousehold(tx, input.householdId) });
    }
  });
}

export function removeMember(commit: Commit, input: { householdId: string; userId: string }): Promise<void> {
  return commit((tx, emit, actor) => {
    requireOwner(tx, input.householdId, actor.userId);
    if (input.userId === actor.userId) {
      throw new DomainError('invalid', 'You cannot remove yourself; use household.leave instead.');
    }
    const removed = deleteMembership(tx, emit, input.householdId, input.userId, 'removed');
    if (!removed) throw new DomainError('not-found', 'That person is not a member of this household.');
  });
}

function deleteMembership(tx: Tx, emit: Emit, householdId: string, userId: string, reason: 'left' | 'removed'): boolean {
  const { changes } = tx
    .delete(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.userId, userId)))
    .run();
  if (changes > 0) emit(householdId, { type: 'household:member:left', userId, reason });
  return changes > 0;
}

export function rotateInvite(commit: Commit, input: { householdId: string }): Promise<Household> {
  return updateHousehold(commit, input.householdId, { inviteCode: newInviteCode() }, 'owner');
}

export function renameHousehold(commit: Commit, input: { householdId: string; name: string }): Promise<Household> {
  return updateHousehold(commit, input.householdId, { name: input.name }, 'owner');
}

/**
 * The categories are the household's shared way through the shop: any member
 * may arrange them. A rename takes the category's items and remembered names
 * with it, each item announced as updated, so no list drops them under "Other".
 */
export function setCategories(
  commit: Commit,
  input: { householdId: string; categories: string[]; renamed?: { from: string; to: string } },
): Promise<Household> {
  return updateHousehold(commit, input.householdId, { categories: input.categories }, 'member', (tx, emit, actor) => {
    if (input.renamed) refileCategory(tx, emit, actor, input.householdId, input.renamed);
  });
}

function updateHousehold(
  commit: Commit,
  householdId: string,
  changes: { name?: string; inviteCode?: string; categories?: string[] },
  allowed: 'owner' | 'member',
  alongside?: Work<void>,
): Promise<Household> {
  return commit((tx, emit, actor) => {
    if (allowed === 'owner') requireOwner(tx, householdId, actor.userId);
    else requireMembership(tx, householdId, actor.userId);
    tx.update(households).set(changes).where(eq(households.id, householdId)).run();
    alongside?.(tx, emit, actor);
    const household = getHousehold(tx, householdId);
    emit(householdId, { type: 'household:updated', household });
    return household;
  });
}

/** A nudge to every member, or to one; a targeted one is stored for its recipient only. */
export function notify(commit: Commit, input: { householdId: string; message: string; toUserId?: string }): Promise<void> {
  return commit((tx, emit, actor) => {
    requireMembership(tx, input.householdId, actor.userId);
    const toUserId = input.toUserId ?? null;
    if (toUserId) {
      const recipient = tx
        .select()
        .from(householdMembers)
        .where(and(eq(householdMembers.householdId, input.householdId), eq(householdMembers.userId, toUserId)))
        .get();
      if (!recipient) throw new DomainError('not-found', 'That person is not a member of this household.');
    }
    emit(
      input.householdId,
      { type: 'system:notification', level: 'info', message: input.message, toUserId },
      toUserId ? { recipientId: toUserId } : undefined,
    );
  });
}
