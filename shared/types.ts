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
  /** The household's item categories, in the order the list groups by (its path through the shop). */
  categories: string[];
}

/** What an invite link says before you join: whose household it is. */
export interface InvitePreview {
  householdName: string;
  /** The owner's display name: an invite code does not record who shared it. */
  invitedBy: string;
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
  /** What `quantity` counts in ("l", "kg", "pack"); `null` for a plain count. */
  unit: string | null;
  note: string | null;
  /** One of the household's categories, or `null`; a category since removed from the household shows as none. */
  category: string | null;
  checked: boolean;
  addedBy: string;
  checkedBy: string | null;
  checkedAt: string | null;
  /** Who made the last change; `null` until someone changes it after adding it. */
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Starts at 1; every update increments it. */
  version: number;
}

/** A coarse word for a member's device, enough to say "Sam's phone has it". */
export const DEVICE_KINDS = ['phone', 'tablet', 'computer'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** The fields of an item that `shopping.items.update` can change. */
export const ITEM_FIELDS = ['name', 'quantity', 'unit', 'note', 'category', 'checked'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** A name the household has used before, for autocomplete and one-tap re-adding. */
export interface ItemSuggestion {
  name: string;
  category: string | null;
  unit: string | null;
  /** When an item of this name was last ticked off, if ever. */
  lastCheckedAt: string | null;
}
