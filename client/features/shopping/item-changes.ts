import type { ShoppingItem } from '../../../shared/types';
import type { ItemChanges } from './use-item-mutations';

/**
 * The fields of `edited` that differ from the item as the form opened on it.
 * Only those are sent: a field someone else changed meanwhile, and this user
 * left alone, keeps their change.
 */
export function changedFields(item: ShoppingItem, edited: ItemChanges): ItemChanges {
  const changes: ItemChanges = {};
  for (const field of Object.keys(edited) as (keyof ItemChanges)[]) {
    const value = edited[field];
    if (value !== undefined && value !== item[field]) Object.assign(changes, { [field]: value });
  }
  return changes;
}
