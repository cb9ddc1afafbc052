import type { ShoppingItem, ShoppingList } from '../../../shared/types';
import type { ItemRow, ListRow } from './shopping-access';
import { toIso } from '../../db/timestamps';

export function toList(row: ListRow): ShoppingList {
  return { id: row.id, householdId: row.householdId, name: row.name, createdAt: toIso(row.createdAt), updatedAt: toIso(row.updatedAt) };
}

export function toItem(row: ItemRow): ShoppingItem {
  return {
    id: row.id,
    listId: row.listId,
    name: row.name,
    quantity: row.quantity,
    note: row.note,
    checked: row.checked,
    addedBy: row.addedBy,
    checkedBy: row.checkedBy,
    checkedAt: row.checkedAt == null ? null : toIso(row.checkedAt),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    version: row.version,
  };
}
