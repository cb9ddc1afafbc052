import { describe, expect, it } from 'vitest';
import { shoppingItem } from '../../test/fixtures';
import { LIMITS } from '../../../shared/limits';
import { addProblem, mergeNotice, mergeTarget, textWithName, typedItem } from './add-item-draft';

const milk = { name: 'milk', category: 'Dairy & eggs', unit: 'l' };

describe('reading the add field', () => {
  it('takes quantity and unit out of the text', () => {
    expect(typedItem('2 l milk', null)).toEqual({ name: 'milk', quantity: 2, unit: 'l' });
    expect(typedItem('milk x3', null)).toEqual({ name: 'milk', quantity: 3, unit: null });
    expect(typedItem('oat milk', null)).toEqual({ name: 'oat milk', quantity: null, unit: null });
  });

  it('keeps a picked name whole, with its category', () => {
    const bar = { name: '3 Musketeers', category: 'Pantry', unit: null };
    expect(typedItem('3 Musketeers', bar)).toEqual({ name: '3 Musketeers', quantity: null, unit: null, category: 'Pantry' });
    expect(typedItem('3 Musketeers', null)).toMatchObject({ name: 'Musketeers', quantity: 3 });
  });

  it('gives a bare number the unit the picked name is bought in, but not a unit typed otherwise', () => {
    expect(typedItem('2 milk', milk)).toEqual({ name: 'milk', quantity: 2, unit: 'l', category: 'Dairy & eggs' });
    expect(typedItem('500 ml milk', milk)).toEqual({ name: 'milk', quantity: 500, unit: 'ml', category: 'Dairy & eggs' });
  });

  it('forgets the pick once the name is changed', () => {
    expect(typedItem('2 oat milk', milk)).toEqual({ name: 'oat milk', quantity: 2, unit: null });
  });

  it('a picked suggestion replaces the typed name and keeps the typed amount', () => {
    expect(textWithName('2 l mi', 'milk')).toBe('2 l milk');
    expect(textWithName('mi', 'milk')).toBe('milk');
  });
});

describe('adding a name that is already on the list', () => {
  const list = [shoppingItem({ id: 'a', name: 'Milk', quantity: 1, unit: 'l' }), shoppingItem({ id: 'b', name: 'eggs', checked: true })];

  it('lands on the unticked row of the same name, ignoring case', () => {
    expect(mergeTarget(list, { name: 'milk', quantity: 2, unit: 'L' })?.id).toBe('a');
    expect(mergeNotice(list, { name: 'milk', quantity: 2, unit: 'l' })).toBe('Added 2 l to Milk');
    expect(mergeNotice(list, { name: 'milk', quantity: null, unit: null })).toBe('Milk is already on the list');
  });

  it('gets a row of its own when the units do not add up, or the item is in the basket', () => {
    expect(mergeNotice(list, { name: 'milk', quantity: 500, unit: 'ml' })).toBeNull();
    expect(mergeNotice(list, { name: 'eggs', quantity: 6, unit: null })).toBeNull();
  });

  it('joins the first row of that name it adds up with', () => {
    const litresAndMillilitres = [shoppingItem({ id: 'l', name: 'milk', quantity: 1, unit: 'l' }), shoppingItem({ id: 'ml', name: 'milk', quantity: 500, unit: 'ml' })];
    expect(mergeTarget(litresAndMillilitres, { name: 'milk', quantity: 250, unit: 'ml' })?.id).toBe('ml');
  });

  it('gives a quantity to a row that had none', () => {
    const bread = [shoppingItem({ name: 'bread' })];
    expect(mergeNotice(bread, { name: 'bread', quantity: 2, unit: null })).toBe('Added 2 to bread');
  });

  it('a name added again without a quantity onto a plain count is one more; onto a row in a unit, nothing', () => {
    const cucumbers = [shoppingItem({ name: 'cucumbers', quantity: 2 })];
    expect(mergeNotice(cucumbers, { name: 'cucumbers', quantity: null, unit: null })).toBe('Added 1 to cucumbers');
    expect(mergeNotice(list, { name: 'milk', quantity: null, unit: null })).toBe('Milk is already on the list');
  });
});

describe('what keeps an add from being taken', () => {
  it('is what the server would say, pointing at the field to fix', () => {
    expect(addProblem('list-1', typedItem('  ', null), null)).toEqual({ field: 'name', message: 'Item name cannot be empty.' });
    expect(addProblem('list-1', typedItem('milk\u202E', null), null)).toEqual({ field: 'name', message: 'Item name cannot contain text-direction control characters.' });
    expect(addProblem('list-1', typedItem(`${LIMITS.maxQuantity + 1} milk`, null), null)).toEqual({
      field: 'details',
      message: `Quantity can be at most ${LIMITS.maxQuantity}.`,
    });
    expect(addProblem('list-1', typedItem('milk', null), 'n'.repeat(LIMITS.itemNote + 1))?.field).toBe('details');
  });

  it('is nothing for an add the server takes', () => {
    expect(addProblem('list-1', typedItem('2 l milk', null), 'oat')).toBeNull();
  });
});
