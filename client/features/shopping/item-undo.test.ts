import { describe, expect, it } from 'vitest';
import { shoppingItem } from '../../test/fixtures';
import { undoEdit } from './item-undo';

describe('undoing an edit', () => {
  it('puts back only the fields the edit changed, as they were', () => {
    const before = shoppingItem({ note: null, quantity: 2, unit: 'l', category: 'Dairy' });
    expect(undoEdit(before, { note: 'oat', quantity: 3 })).toEqual({ itemId: 'milk', note: null, quantity: 2 });
  });
});
