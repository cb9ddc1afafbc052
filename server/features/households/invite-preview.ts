import { and, eq } from 'drizzle-orm';
import type { InvitePreview } from '../../../shared/types';
import type { Db, Tx } from '../../db/client';
import { householdMembers, households, users } from '../../db/schema';
import { DomainError } from '../../domain-error';

/** The one answer for a code that names no household, on the invite page and when joining. */
export function unknownInviteCode(): DomainError {
  return new DomainError('not-found', 'No household has that invite code. Ask a member for the current code: it changes when the owner rotates it.');
}

/** Whose household an invite code opens, for the invite page: its name and its owner's, nothing more. */
export function previewInvite(db: Db | Tx, inviteCode: string): InvitePreview {
  const found = db
    .select({ householdName: households.name, invitedBy: users.displayName })
    .from(households)
    .innerJoin(householdMembers, and(eq(householdMembers.householdId, households.id), eq(householdMembers.role, 'owner')))
    .innerJoin(users, eq(users.id, householdMembers.userId))
    .where(eq(households.inviteCode, inviteCode))
    .get();
  if (!found) throw unknownInviteCode();
  return found;
}
