import { addsUpWith, amountAdded } from '../../../shared/item-merge';
import { itemNameKey, parseItemText } from '../../../shared/item-text';
import { inputs } from '../../../shared/schemas';
import type { ItemSuggestion, ShoppingItem } from '../../../shared/types';
import { formatAmount } from './quantity';

/** A name picked from the suggestions: what the household stored with it comes along. */
export type PickedName = Pick<ItemSuggestion, 'name' | 'category' | 'unit'>;

/** What one typed line adds. `category` undefined: the server uses the one the name had last time. */
export interface TypedItem {
  name: string;
  quantity: number | null;
  unit: string | null;
  category?: string | null;
}

/**
 * Reads the add field: "2 l milk" is 2 of milk in litres. A picked suggestion
 * is taken as it was stored, so "3 Musketeers" stays one name rather than 3 of "Musketeers",
 * and lends its category, and its unit to a bare number: after picking milk
 * (bought in litres), "2 milk" means 2 l. Typing another name drops the pick.
 */
export function typedItem(text: string, picked: PickedName | null): TypedItem {
  const pickedKey = picked ? itemNameKey(picked.name) : null;
  if (picked && itemNameKey(text) === pickedKey) return { name: picked.name, quantity: null, unit: null, category: picked.category ?? undefined };
  const parsed = parseItemText(text);
  if (!picked || itemNameKey(parsed.name) !== pickedKey) return parsed;
  return {
    name: picked.name,
    quantity: parsed.quantity,
    unit: parsed.unit ?? (parsed.quantity === null ? null : picked.unit),
    category: picked.category ?? undefined,
  };
}

/** What keeps an add from being taken, said as the server would say it, and the field to fix. */
export interface AddProblem {
  field: 'name' | 'details';
  message: string;
}

/**
 * Checks an add with the server's own input schema before it is queued: a
 * refusal found here is said at once, under the field, instead of coming
 * back later as a change that was not saved.
 */
export function addProblem(listId: string, item: TypedItem, note: string | null): AddProblem | null {
  const checked = inputs.itemAdd.safeParse({ listId, name: item.name, quantity: item.quantity, unit: item.unit, note, category: item.category });
  const [issue] = checked.error?.issues ?? [];
  if (!issue) return null;
  return { field: issue.path[0] === 'name' ? 'name' : 'details', message: issue.message };
}

/** The line that replaces the field's text when a suggestion is picked: the typed amount stays. */
export function textWithName(text: string, name: string): string {
  const { quantity, unit } = parseItemText(text);
  return quantity === null ? name : `${formatAmount(quantity, unit)} ${name}`;
}

/**
 * The unticked row of the same name that the server will add this to, as
 * `shopping.items.add` merges: the first such row it adds up with, where
 * quantities add up only in the same unit (or onto a row without one).
 * Null when the add gets a row of its own.
 */
export function mergeTarget(items: readonly ShoppingItem[], typed: TypedItem): ShoppingItem | null {
  const key = itemNameKey(typed.name);
  return items.find((item) => !item.checked && itemNameKey(item.name) === key && addsUpWith(item, typed)) ?? null;
}

/** The notice for an add that lands on a row already there ("Added 2 l to milk"); null for a new row. */
export function mergeNotice(items: readonly ShoppingItem[], typed: TypedItem): string | null {
  const target = mergeTarget(items, typed);
  if (!target) return null;
  const added = amountAdded(target, typed);
  if (added.quantity === null) return `${target.name} is already on the list`;
  return `Added ${formatAmount(added.quantity, added.unit)} to ${target.name}`;
}
