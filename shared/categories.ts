/**
 * What a new household starts with, in the order most shops are walked;
 * each household edits its own (`household.setCategories`).
 */
export const DEFAULT_CATEGORIES: readonly string[] = [
  'Fruit & vegetables',
  'Bakery',
  'Dairy & eggs',
  'Meat & fish',
  'Pantry',
  'Frozen',
  'Drinks',
  'Household',
  'Personal care',
];
