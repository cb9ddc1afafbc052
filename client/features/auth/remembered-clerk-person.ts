import { readStored, removeStored, writeStored } from '../../lib/storage';

export const REMEMBERED_CLERK_PERSON_KEY = 'honeydo.clerk-person';

/**
 * Who was last signed in with Clerk on this device: enough to open their
 * stored lists and waiting changes when Clerk cannot be reached, and nothing
 * to sign in with (no token, no session id). Clerk's word replaces it as soon
 * as Clerk loads.
 */
export interface RememberedClerkPerson {
  /** Clerk's user id, the key the person's stored cache is kept under. */
  userId: string;
  displayName: string;
}

const isRememberedClerkPerson = (value: unknown): value is RememberedClerkPerson => {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<RememberedClerkPerson>;
  return typeof v.userId === 'string' && typeof v.displayName === 'string';
};

export const loadRememberedClerkPerson = () => readStored(REMEMBERED_CLERK_PERSON_KEY, isRememberedClerkPerson);
export const rememberClerkPerson = (person: RememberedClerkPerson) => writeStored(REMEMBERED_CLERK_PERSON_KEY, person);
export const forgetClerkPerson = () => removeStored(REMEMBERED_CLERK_PERSON_KEY);
