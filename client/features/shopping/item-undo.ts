import type { ShoppingItem } from '../../../shared/types';
import type { ItemEdit } from './item-changes';

/**
 * The update that undoes an edit: the fields it changed go back to what they
 * were, and only those, so a field someone else changed meanwhile keeps
 * their change.
 */
export function undoEdit(before: ShoppingItem, changes: ItemEdit): { itemId: string } & ItemEdit {
  const previous: ItemEdit = {};
  for (const field of Object.keys(changes) as (keyof ItemEdit)[]) Object.assign(previous, { [field]: before[field] });
  return { itemId: before.id, ...previous };
}
