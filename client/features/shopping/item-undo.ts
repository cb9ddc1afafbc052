import type { ShoppingItem } from '../../../shared/types';
import type { ItemChanges } from './use-item-mutations';

/**
 * The update that undoes an edit: the fields it changed go back to what they
 * were, and only those, so a field someone else changed meanwhile keeps
 * their change.
 */
export function undoEdit(before: ShoppingItem, changes: ItemChanges): { itemId: string } & ItemChanges {
  const previous: ItemChanges = {};
  for (const field of Object.keys(changes) as (keyof ItemChanges)[]) Object.assign(previous, { [field]: before[field] });
  return { itemId: before.id, ...previous };
}
