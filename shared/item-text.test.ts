import { describe, expect, it } from 'vitest';
import { itemNameKey, parseItemText, type ParsedItemText } from './item-text';

const item = (name: string, quantity: number | null = null, unit: string | null = null): ParsedItemText => ({ name, quantity, unit });

describe('parseItemText', () => {
  it.each<[string, ParsedItemText]>([
    ['2 l milk', item('milk', 2, 'l')],
    ['500g flour', item('flour', 500, 'g')],
    ['500 g flour', item('flour', 500, 'g')],
    ['2 L Milk', item('Milk', 2, 'l')],
    ['2 lbs. beef', item('beef', 2, 'lb')],
    ['3 cans tomatoes', item('tomatoes', 3, 'can')],
    ['12 Bottles water', item('water', 12, 'bottle')],
    ['1.5 kg flour', item('flour', 1.5, 'kg')],
    ['1,5 kg flour', item('flour', 1.5, 'kg')],
    // "of" between the unit and the name belongs to neither.
    ['2 packs of pasta', item('pasta', 2, 'pack')],
    ['a bag of apples', item('apples', 1, 'bag')],
    ['2 bottles of water', item('water', 2, 'bottle')],
    ['½ lb butter', item('butter', 0.5, 'lb')],
    ['1½ kg flour', item('flour', 1.5, 'kg')],
    ['¼ l cream', item('cream', 0.25, 'l')],
    ['1/2 kg sugar', item('sugar', 0.5, 'kg')],
  ])('a quantity and a unit before the name: %j', (text, parsed) => {
    expect(parseItemText(text)).toEqual(parsed);
  });

  it.each<[string, ParsedItemText]>([
    ['3 eggs', item('eggs', 3)],
    ['2 apples', item('apples', 2)],
    // The word after the number is a unit only when it is one.
    ['2 red apples', item('red apples', 2)],
    ['2 xl shirts', item('xl shirts', 2)],
    ['2x milk', item('milk', 2)],
    ['2 x milk', item('milk', 2)],
    ['2 × milk', item('milk', 2)],
    // A short name in lower case is one still being typed.
    ['2 mi', item('mi', 2)],
    // A dozen is a count of twelve, so it adds up with eggs counted one by one.
    ['a dozen eggs', item('eggs', 12)],
    ['2 dozen eggs', item('eggs', 24)],
    // "of" stays when the word before it is not a unit.
    ['2 apples of gold', item('apples of gold', 2)],
  ])('a count before the name: %j', (text, parsed) => {
    expect(parseItemText(text)).toEqual(parsed);
  });

  it.each<[string, ParsedItemText]>([
    ['milk x3', item('milk', 3)],
    ['milk X3', item('milk', 3)],
    ['milk x 3', item('milk', 3)],
    ['milk ×2', item('milk', 2)],
    ['eggs 3x', item('eggs', 3)],
    ['eggs 3X', item('eggs', 3)],
    ['eggs 3 x', item('eggs', 3)],
    ['eggs 3×', item('eggs', 3)],
    ['AA batteries x4', item('AA batteries', 4)],
    ['milk 2 l', item('milk', 2, 'l')],
    ['flour 500g', item('flour', 500, 'g')],
    ['Coke 1.5 l', item('Coke', 1.5, 'l')],
    ['tomatoes 2', item('tomatoes', 2)],
    ['eggs 1 dozen', item('eggs', 12)],
    // A comma or colon before the amount belongs to neither.
    ['milk, 2l', item('milk', 2, 'l')],
    ['milk, x2', item('milk', 2)],
    ['flour: 500 g', item('flour', 500, 'g')],
  ])('a quantity after the name: %j', (text, parsed) => {
    expect(parseItemText(text)).toEqual(parsed);
  });

  it.each<[string, ParsedItemText]>([
    ['milk', item('milk')],
    ['oat milk', item('oat milk')],
    // Zero is no quantity: the number is part of the name.
    ['0 milk', item('0 milk')],
    ['7up', item('7up')],
    // A count beside a capitalised name of one or two letters is a product name.
    ['7 Up', item('7 Up')],
    ['WD 40', item('WD 40')],
    ['3 M', item('3 M')],
    // "a" is a number only before a unit or a dozen.
    ['a banana', item('a banana')],
    ['an onion', item('an onion')],
    ['vitamin b12', item('vitamin b12')],
    ['1/0 kg flour', item('1/0 kg flour')],
    ['x3 milk', item('x3 milk')],
    ['2', item('2')],
    ['2x', item('2x')],
    ['', item('')],
  ])('text with no quantity in it is all name: %j', (text, parsed) => {
    expect(parseItemText(text)).toEqual(parsed);
  });

  it.each<[string, ParsedItemText]>([
    ['  2   l   milk  ', item('milk', 2, 'l')],
    ['oat   milk', item('oat milk')],
    ['\t3 eggs\n', item('eggs', 3)],
    ['milk  x  3', item('milk', 3)],
  ])('extra spaces are trimmed and collapsed: %j', (text, parsed) => {
    expect(parseItemText(text)).toEqual(parsed);
  });
});

describe('itemNameKey', () => {
  it.each<[string, string]>([
    ['Milk', 'milk'],
    ['  milk  ', 'milk'],
    ['oat   milk', 'oat milk'],
    ['oat\tmilk', 'oat milk'],
    ['ｍｉｌｋ', 'milk'],
    ['ÄPFEL', 'äpfel'],
    ['ﬁsh', 'fish'],
  ])('%j compares as %j', (name, key) => {
    expect(itemNameKey(name)).toBe(key);
  });

  it('names that differ only in case, width, spacing or how an accent is encoded are one item', () => {
    expect(new Set(['Milk', ' milk ', 'MILK', 'ｍｉｌｋ', 'mIlK'].map(itemNameKey))).toEqual(new Set(['milk']));
    expect(itemNameKey('Cafe\u0301 au lait')).toBe(itemNameKey('Café  au lait'));
  });

  it('different names stay different', () => {
    expect(itemNameKey('oat milk')).not.toBe(itemNameKey('milk'));
    expect(itemNameKey('milks')).not.toBe(itemNameKey('milk'));
    expect(itemNameKey('oatmilk')).not.toBe(itemNameKey('oat milk'));
  });
});
