import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from './categories';
import { guessCategory } from './category-guesses';

describe('guessCategory', () => {
  it.each<[string, string]>([
    ['milk', 'Dairy & eggs'],
    ['Eggs', 'Dairy & eggs'],
    ['oat milk', 'Dairy & eggs'],
    ['bread', 'Bakery'],
    ['bananas', 'Fruit & vegetables'],
    ['tomatoes', 'Fruit & vegetables'],
    ['strawberries', 'Fruit & vegetables'],
    ['chicken breast', 'Meat & fish'],
    ['pasta', 'Pantry'],
    ['chicken soup', 'Pantry'],
    ['coffee beans', 'Pantry'],
    ['frozen peas', 'Frozen'],
    ['orange juice', 'Drinks'],
    ['sparkling water', 'Drinks'],
    ['toilet paper', 'Household'],
    ['AA batteries', 'Household'],
    ['toothpaste', 'Personal care'],
    ['ｍｉｌｋ', 'Dairy & eggs'],
    ['dish soap', 'Household'],
    ['Washing-up liquid', 'Household'],
    ['peanut butter', 'Pantry'],
    ['2 tins coconut milk', 'Pantry'],
    ['kitchen roll', 'Household'],
    ['hand soap', 'Personal care'],
    ['ice-cream', 'Frozen'],
    ['vanilla ice cream', 'Frozen'],
  ])('%j is usually under %j', (name, category) => {
    expect(guessCategory(name, DEFAULT_CATEGORIES)).toBe(category);
  });

  it('twenty common items all find their category', () => {
    const common = ['milk', 'eggs', 'bread', 'butter', 'cheese', 'apples', 'bananas', 'tomatoes', 'onions', 'potatoes', 'chicken', 'rice', 'pasta', 'coffee', 'tea', 'juice', 'yogurt', 'toilet paper', 'shampoo', 'carrots'];
    expect(common.filter((name) => guessCategory(name, DEFAULT_CATEGORIES) === null)).toEqual([]);
  });

  it('an unknown name gets no guess', () => {
    expect(guessCategory('birthday card', DEFAULT_CATEGORIES)).toBeNull();
    expect(guessCategory('', DEFAULT_CATEGORIES)).toBeNull();
  });

  it('guesses only a category the household has: renamed or removed, there is no guess', () => {
    expect(guessCategory('milk', ['Fridge', 'Bakery'])).toBeNull();
    expect(guessCategory('bread', ['Fridge', 'Bakery'])).toBe('Bakery');
  });
});
