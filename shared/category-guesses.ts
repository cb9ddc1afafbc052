import { itemNameKey } from './item-text';

/**
 * Common items by the default category they are usually shelved under
 * (`shared/categories.ts`), so a household's first "milk" lands in
 * "Dairy & eggs" rather than "Other". English only; a household that renamed
 * or removed a category gets no guess for it, and a name it has used before
 * keeps the category it gave it.
 */
const COMMON_ITEMS: Record<string, readonly string[]> = {
  'Fruit & vegetables': [
    'apple', 'avocado', 'banana', 'berries', 'blueberries', 'broccoli', 'cabbage', 'carrot', 'cauliflower', 'celery',
    'cucumber', 'garlic', 'ginger', 'grapes', 'herbs', 'kiwi', 'leek', 'lemon', 'lettuce', 'lime', 'mango', 'melon',
    'mushroom', 'onion', 'orange', 'parsley', 'peach', 'pear', 'pepper', 'potato', 'salad', 'spinach', 'strawberries',
    'tomato', 'zucchini',
  ],
  Bakery: ['bagel', 'baguette', 'bread', 'bun', 'cake', 'croissant', 'muffin', 'roll', 'toast', 'tortilla', 'wrap'],
  'Dairy & eggs': ['butter', 'cheese', 'cheddar', 'cream', 'egg', 'feta', 'milk', 'mozzarella', 'parmesan', 'yoghurt', 'yogurt'],
  'Meat & fish': ['bacon', 'beef', 'chicken', 'fish', 'ham', 'lamb', 'mince', 'pork', 'prawns', 'salami', 'salmon', 'sausage', 'shrimp', 'steak', 'tuna', 'turkey'],
  Pantry: [
    'beans', 'cereal', 'chocolate', 'coffee', 'cornflakes', 'crackers', 'crisps', 'flour', 'honey', 'jam', 'ketchup',
    'lentils', 'mayonnaise', 'muesli', 'mustard', 'noodles', 'nuts', 'oats', 'oil', 'pasta', 'rice', 'salt', 'sauce',
    'soup', 'spaghetti', 'spices', 'sugar', 'tea', 'vinegar',
  ],
  Frozen: ['frozen', 'ice', 'icecream', 'peas', 'pizza'],
  Drinks: ['beer', 'cola', 'juice', 'lemonade', 'soda', 'water', 'wine'],
  Household: [
    'batteries', 'bin', 'bleach', 'detergent', 'foil', 'napkins', 'paper', 'softener', 'sponge', 'tissues', 'towels',
  ],
  'Personal care': ['conditioner', 'deodorant', 'floss', 'razor', 'shampoo', 'soap', 'sunscreen', 'toothbrush', 'toothpaste'],
};

const CATEGORY_OF = new Map(Object.entries(COMMON_ITEMS).flatMap(([category, words]) => words.map((word) => [word, category] as const)));

/** "tomatoes" and "berries" are found as "tomato" and "berries"; "apples" as "apple". */
function spellings(word: string): string[] {
  return [word, word.replace(/es$/, ''), word.replace(/s$/, '')];
}

/**
 * The category a common item is usually found under, among the household's
 * `categories`, or null. The last word that is known decides: "oat milk" is
 * milk, "ice cream" is ice, "toilet paper" is paper, "chicken soup" is soup.
 */
export function guessCategory(name: string, categories: readonly string[]): string | null {
  const words = itemNameKey(name).split(/[^\p{L}]+/u).reverse();
  for (const word of words) {
    const category = spellings(word)
      .map((spelling) => CATEGORY_OF.get(spelling))
      .find((found) => found !== undefined);
    if (category) return categories.includes(category) ? category : null;
  }
  return null;
}
