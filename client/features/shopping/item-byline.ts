import type { ItemField, ShoppingItem } from '../../../shared/types';

/** How long a change by someone else is news on its row. */
export const RECENT_CHANGE_MS = 30 * 60_000;

/**
 * Who last changed a row, while that is news: a change by someone else in
 * the last half hour ("ticked by Sam", "unticked by Sam", "added by Alex").
 * Your own changes, and old ones, say nothing: a line on every row would
 * double the list's height. `fields` is what the latest change touched, when
 * this page saw it arrive; without it an untick reads as "changed".
 */
export function itemByline(
  item: ShoppingItem,
  { meId, now, fields, nameOf }: { meId: string; now: number; fields: readonly ItemField[] | undefined; nameOf: (userId: string) => string },
): string | null {
  const by = item.updatedBy ?? item.addedBy;
  const at = Date.parse(item.updatedBy === null ? item.createdAt : item.updatedAt);
  if (by === meId || now - at > RECENT_CHANGE_MS) return null;
  return `${verbOf(item, fields)} by ${nameOf(by)}`;
}

function verbOf(item: ShoppingItem, fields: readonly ItemField[] | undefined): string {
  if (item.updatedBy === null) return 'added';
  if (fields) return fields.includes('checked') ? (item.checked ? 'ticked' : 'unticked') : 'changed';
  return item.checked && item.checkedBy === item.updatedBy ? 'ticked' : 'changed';
}
