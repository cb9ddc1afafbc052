/**
 * The shapes the API returns. Timestamps are ISO 8601 strings so that plain
 * JSON callers (scripts, other languages) read them without a transformer.
 */
export type Role = 'owner' | 'member';

export interface User {
  id: string;
  displayName: string;
}

export interface Member extends User {
  role: Role;
  joinedAt: string;
}

export interface HouseholdSummary {
  id: string;
  name: string;
  role: Role;
}

export interface Household {
  id: string;
  name: string;
  inviteCode: string;
  createdAt: string;
  members: Member[];
}

export interface HouseholdWithPresence extends Household {
  online: string[];
}

export interface ShoppingList {
  id: string;
  householdId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface ShoppingItem {
  id: string;
  listId: string;
  name: string;
  quantity: number | null;
  note: string | null;
  checked: boolean;
  addedBy: string;
  checkedBy: string | null;
  checkedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Starts at 1; every update increments it. */
  version: number;
}
