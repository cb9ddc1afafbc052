import type { ShoppingItem } from '../../../shared/types';

/**
 * Who an item is from, and who last changed it when that was someone else:
 * "added by Alex · edited by Sam". A tick is a change too; when the ticking
 * was the last change it says so ("ticked by Sam").
 */
export function itemByline(item: ShoppingItem, meId: string, nameOf: (userId: string) => string): string {
  const added = `added by ${nameOf(item.addedBy)}`;
  if (item.updatedBy === null || item.updatedBy === meId) return added;
  const verb = item.checked && item.checkedBy === item.updatedBy ? 'ticked' : 'edited';
  return `${added} · ${verb} by ${nameOf(item.updatedBy)}`;
}
