import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/limits';
import { categoriesProblem, moveCategory } from './category-list';

describe('arranging the categories', () => {
  const shop = ['Bakery', 'Dairy & eggs', 'Frozen'];

  it('moves one a place up or down, and not past either end', () => {
    expect(moveCategory(shop, 1, -1)).toEqual(['Dairy & eggs', 'Bakery', 'Frozen']);
    expect(moveCategory(shop, 1, 1)).toEqual(['Bakery', 'Frozen', 'Dairy & eggs']);
    expect(moveCategory(shop, 0, -1)).toEqual(shop);
    expect(moveCategory(shop, 2, 1)).toEqual(shop);
  });

  it('says why a list cannot be saved, before the server has to', () => {
    expect(categoriesProblem(shop)).toBeNull();
    expect(categoriesProblem([...shop, 'bakery'])).toBe('Each category can appear only once.');
    expect(categoriesProblem([...shop, '  '])).toBe('Category cannot be empty.');
    expect(categoriesProblem(Array.from({ length: LIMITS.categoriesPerHousehold + 1 }, (_, i) => `Aisle ${i}`))).toMatch(/at most/);
  });
});
