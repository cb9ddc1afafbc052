import { and, eq, inArray, notExists } from 'drizzle-orm';
import { sameDisplayName } from '../../../shared/display-name';
import type { Member } from '../../../shared/types';
import { requireMembership } from '../../auth/membership';
import type { Db, Tx } from '../../db/client';
import { householdMembers, localDeviceKeys, shoppingItems, shoppingLists } from '../../db/schema';
import type { Deps } from '../../deps';
import type { Commit } from '../../events/commit';
import { getHousehold } from './household-queries';
import { DomainError } from '../../domain-error';

/**
 * Before local mode handed out device keys, signing out and in again with the
 * same name made a second member: the household shows "Sam" twice, the first
 * one away for good. Such an earlier sign-in is recognisable: local mode, the
 * same name as the caller, no device key (so no device can ever come back as
 * it) and not online now. Only the caller can say it was them, so the SPA
 * asks, and `mergeEarlierSignIn` folds it into the caller. A Clerk account is
 * one person across sign-ins, so Clerk mode has none.
 */
type EarlierSignInDeps = Pick<Deps, 'config' | 'presence'>;

/** The members who may be `userId`'s own earlier sign-ins in this household. */
export function findEarlierSignIns(deps: EarlierSignInDeps, db: Db | Tx, householdId: string, userId: string): Member[] {
  if (deps.config.auth.kind !== 'local') return [];
  const { members } = getHousehold(db, householdId);
  const me = members.find((member) => member.id === userId);
  if (!me) return [];
  const online = new Set(deps.presence.online(householdId));
  const keyless = new Set(
    db
      .select({ userId: householdMembers.userId })
      .from(householdMembers)
      .where(
        and(
          eq(householdMembers.householdId, householdId),
          notExists(db.select().from(localDeviceKeys).where(eq(localDeviceKeys.userId, householdMembers.userId))),
        ),
      )
      .all()
      .map((row) => row.userId),
  );
  return members.filter((member) => member.id !== me.id && keyless.has(member.id) && !online.has(member.id) && sameDisplayName(member.displayName, me.displayName));
}

/**
 * The earlier sign-in's items become the caller's ("added by you"), its place
 * goes (announced as having left), and an owner's role passes to the caller.
 * The activity feed keeps who did what at the time.
 */
export function mergeEarlierSignIn(deps: EarlierSignInDeps, commit: Commit, input: { householdId: string; userId: string }): Promise<void> {
  return commit((tx, emit, actor) => {
    const role = requireMembership(tx, input.householdId, actor.userId);
    const earlier = findEarlierSignIns(deps, tx, input.householdId, actor.userId).find((member) => member.id === input.userId);
    if (!earlier) {
      throw new DomainError('forbidden', 'That member is not an earlier sign-in of yours: only a member with your name, no device of their own and not online now can be merged into you.');
    }
    const listIds = tx.select({ id: shoppingLists.id }).from(shoppingLists).where(eq(shoppingLists.householdId, input.householdId));
    for (const column of ['addedBy', 'checkedBy', 'updatedBy', 'removedBy'] as const) {
      tx.update(shoppingItems)
        .set({ [column]: actor.userId })
        .where(and(inArray(shoppingItems.listId, listIds), eq(shoppingItems[column], earlier.id)))
        .run();
    }
    tx.delete(householdMembers).where(and(eq(householdMembers.householdId, input.householdId), eq(householdMembers.userId, earlier.id))).run();
    emit(input.householdId, { type: 'household:member:left', userId: earlier.id, reason: 'left' });
    if (earlier.role === 'owner' && role !== 'owner') {
      tx.update(householdMembers)
        .set({ role: 'owner' })
        .where(and(eq(householdMembers.householdId, input.householdId), eq(householdMembers.userId, actor.userId)))
        .run();
      emit(input.householdId, { type: 'household:updated', household: getHousehold(tx, input.householdId) });
    }
  });
}
