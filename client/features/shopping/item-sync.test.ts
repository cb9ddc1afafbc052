import { QueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { describe, expect, it } from 'vitest';
import { createQueryUtils, trpc } from '../../lib/trpc';
import type { ShoppingItem } from '../../../shared/types';
import { shoppingItem } from '../../test/fixtures';
import { cachedListsOf } from './cached-lists';
import { rememberConfirmedAdd } from './confirmed-adds';
import { itemSyncOf } from './item-sync';
import { optimisticItem } from './list-rows';
import { removedItemsOf } from './removed-items';

const LIST = 'list-1';

/** A tab's cached list (rows named, or given whole), with what the stream and the answers to its changes do to it. */
function cachedList(...rows: (string | ShoppingItem)[]) {
  const queryClient = new QueryClient();
  const utils = createQueryUtils(queryClient, trpc.createClient({ links: [] }));
  utils.shopping.items.getByList.setData(
    { listId: LIST },
    rows.map((row) => (typeof row === 'string' ? shoppingItem({ id: row, name: row, listId: LIST }) : row)),
  );
  return {
    queryClient,
    sync: itemSyncOf(queryClient, cachedListsOf(queryClient, utils)),
    rows: () => utils.shopping.items.getByList.getData({ listId: LIST })?.map((item) => `${item.id}${item.checked ? ' ✓' : ''}`),
    /** Whether the list is due to be fetched again. */
    listStale: () => queryClient.getQueryState(getQueryKey(trpc.shopping.items.getByList, { listId: LIST }, 'query'))?.isInvalidated ?? false,
  };
}

const ticked = (id: string) => shoppingItem({ id, name: id, listId: LIST, checked: true, version: 2 });

describe('item updates meeting a tab’s copy of the list', () => {
  it('an update of an item missing from a copy taken from another tab brings the item in', () => {
    // This tab opened on lists another tab had already cleared "milk" from, a clear the server did not apply.
    const tab = cachedList('bread');
    tab.sync.updated(ticked('milk'), undefined, false);
    expect(tab.rows()).toEqual(['bread', 'milk ✓']);
  });

  it('an update arriving after the item’s removal event leaves it gone', () => {
    const tab = cachedList('bread', 'milk');
    tab.sync.removed(LIST, 'milk');
    tab.sync.updated(ticked('milk'), 'our-late-answer', true);
    expect(tab.rows()).toEqual(['bread']);
  });

  it('an update arriving while this tab’s own removal of the item is on its way leaves it gone', () => {
    // The removal took the row off and keeps it for an undo; the server has not removed it yet.
    const tab = cachedList('bread');
    removedItemsOf(tab.queryClient).keep([shoppingItem({ id: 'milk', name: 'milk', listId: LIST })]);
    tab.sync.updated(ticked('milk'), undefined, false);
    expect(tab.rows()).toEqual(['bread']);
  });

  it('the answer to an edit of a row another tab added offline replaces that row: the item is listed once', () => {
    // Tab 1 added milk offline; this tab, opened on tab 1's copy, edited it; the writer answered the add, then the edit.
    const tab = cachedList('bread', optimisticItem({ listId: LIST, name: 'milk', clientId: 'add-of-milk' }, 'user-a'));
    rememberConfirmedAdd(tab.queryClient, 'add-of-milk', 'milk');
    tab.sync.updated(shoppingItem({ id: 'milk', name: 'milk', listId: LIST, quantity: 3, version: 2 }), 'edit-of-milk', true);
    expect(tab.rows()).toEqual(['bread', 'milk']);
    // The add's own event, arriving after, finds the row already in place.
    tab.sync.added(shoppingItem({ id: 'milk', name: 'milk', listId: LIST, version: 1 }), 'add-of-milk', false);
    expect(tab.rows()).toEqual(['bread', 'milk']);
  });

  it('the answer to a change sent again about an item this tab’s copy went without fetches the list instead of bringing the item back', () => {
    // A tab that crashed left the edit unanswered; this tab opened on a copy stored after the item was removed (or cleared), and sends it again.
    const tab = cachedList('bread');
    tab.sync.updated(ticked('milk'), 'the-edit-sent-again', true);
    expect(tab.rows()).toEqual(['bread']);
    expect(tab.listStale()).toBe(true);
  });

  it('the answer to an add sent again after the item’s removal arrived does not bring the item back; a restore’s event does', () => {
    const tab = cachedList('bread');
    const milk = shoppingItem({ id: 'milk', name: 'milk', listId: LIST });
    tab.sync.added(milk, undefined, false);
    tab.sync.removed(LIST, 'milk');
    // The receipts answer the resent add with its first result.
    tab.sync.added(milk, 'the-add-sent-again', true);
    expect(tab.rows()).toEqual(['bread']);
    tab.sync.added(milk, undefined, false);
    expect(tab.rows()).toEqual(['bread', 'milk']);
  });
});
