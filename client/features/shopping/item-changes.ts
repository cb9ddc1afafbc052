import type { ShoppingItem } from '../../../shared/types';

/** A new item as the user described it; the category, when left out, is the one the name had last time. */
export interface ItemDraft {
  name: string;
  quantity: number | null;
  unit?: string | null;
  note: string | null;
  category?: string | null;
}

/**
 * The details an edit changed, and only those: two people editing different
 * fields of one item at once both keep their change. A tick is not an edit.
 */
export type ItemEdit = Partial<Pick<ShoppingItem, 'name' | 'quantity' | 'unit' | 'note' | 'category'>>;

/**
 * The fields of `edited` that differ from the item as the form opened on it.
 * Only those are sent: a field someone else changed meanwhile, and this user
 * left alone, keeps their change.
 */
export function changedFields(item: ShoppingItem, edited: ItemEdit): ItemEdit {
  const changes: ItemEdit = {};
  for (const field of Object.keys(edited) as (keyof ItemEdit)[]) {
    const value = edited[field];
    if (value !== undefined && value !== item[field]) Object.assign(changes, { [field]: value });
  }
  return changes;
}
