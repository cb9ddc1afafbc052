import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { shoppingItem } from '../../test/fixtures';
import { pendingItemId } from './list-rows';
import { PendingEdits } from './pending-edits';

const milk = (version: number, overrides: Partial<ShoppingItem> = {}): ShoppingItem => shoppingItem({ version, ...overrides });

describe('our unconfirmed edits', () => {
  it('tick then untick: the echo of the tick does not flash the row ticked again', () => {
    const edits = new PendingEdits();
    expect(edits.begin(milk(1), 'tick-0001', { checked: true }).checked).toBe(true);
    expect(edits.begin(milk(1), 'untick-001', { checked: false }).checked).toBe(false);

    // The server confirms the tick: the untick is still on its way, so the row stays unticked.
    expect(edits.receive(milk(2, { checked: true }), 'tick-0001').checked).toBe(false);
    // Then the untick.
    expect(edits.receive(milk(3, { checked: false }), 'untick-001')).toEqual(milk(3, { checked: false }));
  });

  it('someone else’s change shows underneath our pending one', () => {
    const edits = new PendingEdits();
    edits.begin(milk(1), 'tick-0001', { checked: true });
    expect(edits.receive(milk(2, { note: 'oat' }))).toMatchObject({ checked: true, note: 'oat', version: 2 });
  });

  it('a refused edit rolls back to the server’s copy, keeping changes made meanwhile by others', () => {
    const edits = new PendingEdits();
    edits.begin(milk(1), 'rename-001', { name: 'MILK!' });
    edits.receive(milk(2, { quantity: 2 }));
    expect(edits.fail('milk', 'rename-001')).toEqual(milk(2, { quantity: 2 }));
    expect(edits.receive(milk(3))).toEqual(milk(3));
  });

  it('a tick made on a row added offline moves to the item’s id when the add is confirmed', () => {
    const edits = new PendingEdits();
    const pending = milk(0, { id: pendingItemId('add-00001') });
    expect(edits.begin(pending, 'tick-0001', { checked: true }).checked).toBe(true);

    // The add's answer (or echo), with the add's clientId: the row keeps showing the tick still on its way.
    expect(edits.receive(milk(1), 'add-00001')).toMatchObject({ id: 'milk', checked: true });
    expect(edits.baseOf('milk')).toEqual(milk(1));
    expect(edits.baseOf(pendingItemId('add-00001'))).toBeNull();
    expect(edits.receive(milk(2, { checked: true }), 'tick-0001')).toEqual(milk(2, { checked: true }));
  });

  it('an item without pending edits passes through unchanged', () => {
    expect(new PendingEdits().receive(milk(5))).toEqual(milk(5));
  });
});
