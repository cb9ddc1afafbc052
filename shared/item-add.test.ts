import { describe, expect, it } from 'vitest';
import { addedDetails } from './item-add';

describe('what an add keeps of its amount and note', () => {
  it('keeps a unit only with a quantity', () => {
    expect(addedDetails({ quantity: 2, unit: 'l' })).toEqual({ quantity: 2, unit: 'l', note: null });
    expect(addedDetails({ unit: 'l' })).toEqual({ quantity: null, unit: null, note: null });
    expect(addedDetails({ quantity: null, unit: 'l' })).toEqual({ quantity: null, unit: null, note: null });
  });

  it('takes a blank unit or note as none, and trims the rest', () => {
    expect(addedDetails({ quantity: 1, unit: '  ', note: ' ' })).toEqual({ quantity: 1, unit: null, note: null });
    expect(addedDetails({ quantity: 1, unit: ' kg ', note: ' ripe ones ' })).toEqual({ quantity: 1, unit: 'kg', note: 'ripe ones' });
  });
});
