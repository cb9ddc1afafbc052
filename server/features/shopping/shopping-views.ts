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
    unit: row.unit,
    note: row.note,
    category: row.category,
    checked: row.checked,
    addedBy: row.addedBy,
    checkedBy: row.checkedBy,
    checkedAt: row.checkedAt == null ? null : toIso(row.checkedAt),
    updatedBy: row.updatedBy,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    version: row.version,
  };
}
