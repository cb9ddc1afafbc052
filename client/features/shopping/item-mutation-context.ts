import type { ShoppingItem } from '../../../shared/types';
import type { ItemPatch } from './pending-edits';

/**
 * What `onMutate` leaves for the answer. It is stored with the change, so it
 * also serves a change resumed after a reload, whose `onMutate` does not run
 * again (its optimistic rows were stored with the lists).
 */
export interface ItemMutationContext {
  /** The change in words, for the "not saved" notice. */
  what: string;
  listId: string | null;
  refetchAfter: boolean;
}

export interface EditContext extends ItemMutationContext {
  /** The server's copy the edit was shown on, and the edit: enough to show it again after a reload. */
  base: ShoppingItem | null;
  patch: ItemPatch;
}

export interface RemovalContext extends ItemMutationContext {
  removed: ShoppingItem[];
}
