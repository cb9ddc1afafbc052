import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { shoppingItem } from '../../test/fixtures';
import { mergeServerItem, mergeUpdatedItem, optimisticItem, pendingItemId, sortForShopping, withoutItems } from './list-rows';

const item = (id: string, overrides: Partial<ShoppingItem> = {}): ShoppingItem => shoppingItem({ id, name: id, ...overrides });

describe('merging what the server sends into a cached list', () => {
  it('our own echo replaces the optimistic row in place: no duplicate, same position', () => {
    const mine = optimisticItem({ listId: 'list-1', name: ' milk ', clientId: 'client-0001' }, 'user-a');
    expect(mine).toMatchObject({ id: pendingItemId('client-0001'), name: 'milk', version: 0 });
    const list = [item('bread'), mine, item('eggs')];

    const confirmed = item('milk-id', { name: 'milk' });
    const merged = mergeServerItem(list, confirmed, [pendingItemId('client-0001')]);
    expect(merged.map((i) => i.id)).toEqual(['bread', 'milk-id', 'eggs']);

    // The mutation's response arriving after the echo changes nothing.
    expect(mergeServerItem(merged, confirmed, [pendingItemId('client-0001')]).map((i) => i.id)).toEqual(['bread', 'milk-id', 'eggs']);
  });

  it('our add that merged into a row already on the list: the pending row goes and the existing row updates in place', () => {
    const mine = optimisticItem({ listId: 'list-1', name: 'milk', quantity: 1, clientId: 'client-0002' }, 'user-a');
    const list = [item('milk-id', { name: 'milk', quantity: 2, version: 3 }), item('bread'), mine];

    // The answer (and the echo) carry the existing item's id, one version on, with our clientId.
    const merged = item('milk-id', { name: 'milk', quantity: 3, version: 4 });
    const shown = mergeServerItem(list, merged, [pendingItemId('client-0002')]);
    expect(shown.map((i) => [i.id, i.quantity])).toEqual([
      ['milk-id', 3],
      ['bread', null],
    ]);
    // The echo after the answer (or the other way round) changes nothing more.
    expect(mergeUpdatedItem(shown, merged, [pendingItemId('client-0002')])).toEqual(shown);

    // An add that changed nothing (the same name, no quantity) answers with the item as it was: the pending row still goes.
    const unchanged = mergeServerItem([item('milk-id', { version: 4 }), mine], item('milk-id', { version: 4 }), [pendingItemId('client-0002')]);
    expect(unchanged.map((i) => i.id)).toEqual(['milk-id']);
  });

  it('an older copy of an item we hold beside our own pending row for it still takes that row away', () => {
    // Another tab's add, confirmed here, arrived as a newer copy first; the add's own echo comes late.
    const mine = optimisticItem({ listId: 'list-1', name: 'milk', clientId: 'client-0003' }, 'user-a');
    const list = [mine, item('milk-id', { name: 'milk', version: 2 })];
    expect(mergeServerItem(list, item('milk-id', { name: 'milk', version: 1 }), [pendingItemId('client-0003')]).map((i) => [i.id, i.version])).toEqual([['milk-id', 2]]);
  });

  it('a newer version wins, an older one (a late or replayed event) is ignored', () => {
    const list = [item('milk', { version: 3, checked: true })];
    expect(mergeServerItem(list, item('milk', { version: 2, checked: false }))).toBe(list);
    expect(mergeServerItem(list, item('milk', { version: 4, note: 'oat' }))[0]).toMatchObject({ version: 4, note: 'oat' });
  });

  it('someone else’s new item goes at the end', () => {
    expect(mergeServerItem([item('a')], item('b')).map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('an update of an item we no longer hold (removed meanwhile) does not bring it back', () => {
    const list = [item('a')];
    expect(mergeUpdatedItem(list, item('b', { version: 2 }))).toBe(list);
    expect(mergeUpdatedItem(list, item('a', { version: 2, note: 'x' }))[0]).toMatchObject({ note: 'x' });
  });

  it('removing keeps the same array when nothing was removed, so nothing re-renders', () => {
    const list = [item('a'), item('b')];
    expect(withoutItems(list, ['c'])).toBe(list);
    expect(withoutItems(list, ['a']).map((i) => i.id)).toEqual(['b']);
  });
});

describe('sorting for the shop', () => {
  it('puts ticked items below the rest, each group in the order it was added', () => {
    const list = [
      item('c', { createdAt: '2030-01-01T10:03:00.000Z', checked: true }),
      item('a', { createdAt: '2030-01-01T10:01:00.000Z' }),
      item('d', { createdAt: '2030-01-01T10:04:00.000Z' }),
      item('b', { createdAt: '2030-01-01T10:02:00.000Z', checked: true }),
    ];
    const { toBuy, inBasket } = sortForShopping(list);
    expect(toBuy.map((i) => i.id)).toEqual(['a', 'd']);
    expect(inBasket.map((i) => i.id)).toEqual(['b', 'c']);
  });
});
