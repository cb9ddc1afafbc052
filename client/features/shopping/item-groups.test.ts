import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { shoppingItem } from '../../test/fixtures';
import { categoryOptions, groupForShopping } from './item-groups';

let minute = 0;
const item = (name: string, overrides: Partial<ShoppingItem> = {}): ShoppingItem =>
  shoppingItem({ id: name, name, createdAt: `2030-01-01T10:${String(minute++).padStart(2, '0')}:00.000Z`, ...overrides });

const shape = (groups: ReturnType<typeof groupForShopping>['toBuy']) => groups.map((group) => [group.label, group.items.map((i) => i.name)]);

describe('grouping the list by category', () => {
  it('follows the household’s order, not the order items were added in', () => {
    const items = [item('milk', { category: 'Dairy & eggs' }), item('apples', { category: 'Fruit & vegetables' }), item('cheese', { category: 'Dairy & eggs' })];
    const { toBuy } = groupForShopping(items, ['Fruit & vegetables', 'Bakery', 'Dairy & eggs']);
    expect(shape(toBuy)).toEqual([
      ['Fruit & vegetables', ['apples']],
      ['Dairy & eggs', ['milk', 'cheese']],
    ]);
  });

  it('puts items with no category, or one the household removed, last under Other', () => {
    const items = [item('soap'), item('caviar', { category: 'Luxuries' }), item('bread', { category: 'Bakery' })];
    const { toBuy } = groupForShopping(items, ['Bakery']);
    expect(shape(toBuy)).toEqual([
      ['Bakery', ['bread']],
      ['Other', ['soap', 'caviar']],
    ]);
    expect(toBuy.at(-1)?.category).toBeNull();
  });

  it('matches a category whatever its case, under the household’s spelling', () => {
    const { toBuy } = groupForShopping([item('bread', { category: 'bakery' })], ['Bakery']);
    expect(shape(toBuy)).toEqual([['Bakery', ['bread']]]);
  });

  it('uses the household’s own Other, in its place, for what has no category', () => {
    const items = [item('soap'), item('bread', { category: 'Bakery' })];
    const { toBuy } = groupForShopping(items, ['Other', 'Bakery']);
    expect(shape(toBuy)).toEqual([
      ['Other', ['soap']],
      ['Bakery', ['bread']],
    ]);
  });

  it('leaves what is in the basket out of the groups', () => {
    const items = [item('milk', { category: 'Dairy & eggs', checked: true }), item('bread', { category: 'Bakery' })];
    const { toBuy, inBasket } = groupForShopping(items, ['Bakery', 'Dairy & eggs']);
    expect(shape(toBuy)).toEqual([['Bakery', ['bread']]]);
    expect(inBasket.map((i) => i.name)).toEqual(['milk']);
  });
});

describe('the category select of the edit form', () => {
  it('shows an item’s category spelled in another case as the household’s, not as an option of its own', () => {
    expect(categoryOptions(['Bakery', 'Dairy & eggs'], 'dairy & eggs')).toEqual({ options: ['Bakery', 'Dairy & eggs'], selected: 'Dairy & eggs' });
  });

  it('keeps a category the household has since removed as an option, until it is changed', () => {
    expect(categoryOptions(['Bakery'], 'Spices')).toEqual({ options: ['Bakery', 'Spices'], selected: 'Spices' });
    expect(categoryOptions(['Bakery'], null)).toEqual({ options: ['Bakery'], selected: '' });
  });
});
