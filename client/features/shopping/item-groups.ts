import type { ShoppingItem } from '../../../shared/types';
import { sortForShopping } from './list-rows';

export interface ItemGroup {
  /** The household's category, as the household spells it; `null` for the catch-all "Other". */
  category: string | null;
  label: string;
  items: ShoppingItem[];
}

const OTHER_LABEL = 'Other';

const keyOf = (category: string) => category.trim().toLocaleLowerCase();

/**
 * What an item's category select offers, and which of it is the item's: the
 * household's spelling when the item's matches one ignoring case, as the
 * grouping does ("dairy & eggs" is "Dairy & eggs", not an option of its own);
 * a category the household has since removed stays an option until changed.
 */
export function categoryOptions(categories: readonly string[], itemCategory: string | null): { options: readonly string[]; selected: string } {
  if (itemCategory === null) return { options: categories, selected: '' };
  const known = categories.find((category) => keyOf(category) === keyOf(itemCategory));
  return known === undefined ? { options: [...categories, itemCategory], selected: itemCategory } : { options: categories, selected: known };
}

/**
 * The list as it is walked through the shop: what is left to buy, in groups
 * by category in the household's order, each in the order it was added;
 * items with no category, or one the household no longer has, last under
 * "Other" (the household's own "Other" when it has one). Empty groups are
 * left out. What is already in the basket is not grouped.
 */
export function groupForShopping(items: readonly ShoppingItem[], categories: readonly string[]): { toBuy: ItemGroup[]; inBasket: ShoppingItem[] } {
  const { toBuy, inBasket } = sortForShopping(items);
  const position = new Map(categories.map((category, index) => [keyOf(category), index]));
  const otherPosition = position.get(keyOf(OTHER_LABEL)) ?? categories.length;
  const groups: ItemGroup[] = [
    ...categories.map((category) => ({ category, label: category, items: [] as ShoppingItem[] })),
    { category: null, label: OTHER_LABEL, items: [] },
  ];
  for (const item of toBuy) {
    const index = item.category === null ? undefined : position.get(keyOf(item.category));
    groups[index ?? otherPosition]?.items.push(item);
  }
  return { toBuy: groups.filter((group) => group.items.length > 0), inBasket };
}
