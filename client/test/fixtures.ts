import type { ShoppingItem } from '../../shared/types';

/**
 * An item as the server would send it: milk on list-1, added by user-a,
 * unticked, version 1. Tests override only what their case is about, so the
 * difference that matters stands out.
 */
export function shoppingItem(overrides: Partial<ShoppingItem> = {}): ShoppingItem {
  return {
    id: 'milk',
    listId: 'list-1',
    name: 'milk',
    quantity: null,
    unit: null,
    note: null,
    category: null,
    checked: false,
    addedBy: 'user-a',
    checkedBy: null,
    checkedAt: null,
    updatedBy: null,
    createdAt: '2030-01-01T10:00:00.000Z',
    updatedAt: '2030-01-01T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
