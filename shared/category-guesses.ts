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

/**
 * Names whose last word alone would mislead: "dish soap" is no personal care,
 * "peanut butter" no dairy, "kitchen roll" no bread. Matched as whole words
 * before the word-by-word guess, with hyphens read as spaces.
 */
const PHRASES: Record<string, readonly string[]> = {
  Pantry: ['baking powder', 'baking soda', 'chicken stock', 'coconut milk', 'peanut butter', 'vegetable stock'],
  Frozen: ['fish fingers', 'ice cream', 'ice cubes'],
  Household: ['bin bags', 'dish soap', 'dishwasher tablets', 'kitchen roll', 'toilet roll', 'washing up liquid'],
};

const PHRASE_CATEGORY = Object.entries(PHRASES).flatMap(([category, phrases]) => phrases.map((phrase) => [phrase, category] as const));

const CATEGORY_OF = new Map(Object.entries(COMMON_ITEMS).flatMap(([category, words]) => words.map((word) => [word, category] as const)));

/** "tomatoes" and "berries" are found as "tomato" and "berries"; "apples" as "apple". */
function spellings(word: string): string[] {
  return [word, word.replace(/es$/, ''), word.replace(/s$/, '')];
}

/**
 * The category a common item is usually found under, among the household's
 * `categories`, or null. A known phrase decides ("dish soap", "ice cream");
 * otherwise the last word that is known: "oat milk" is milk, "toilet
 * paper" is paper, "chicken soup" is soup.
 */
export function guessCategory(name: string, categories: readonly string[]): string | null {
  const words = itemNameKey(name).split(/[^\p{L}]+/u);
  const spaced = ` ${words.join(' ')} `;
  const phrase = PHRASE_CATEGORY.find(([known]) => spaced.includes(` ${known} `));
  if (phrase) return categories.includes(phrase[1]) ? phrase[1] : null;
  for (const word of words.reverse()) {
    const category = spellings(word)
      .map((spelling) => CATEGORY_OF.get(spelling))
      .find((found) => found !== undefined);
    if (category) return categories.includes(category) ? category : null;
  }
  return null;
}
