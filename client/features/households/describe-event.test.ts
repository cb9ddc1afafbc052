import { describe, expect, it } from 'vitest';
import type { HouseholdEvent } from '../../../shared/events';
import { shoppingItem } from '../../test/fixtures';
import { describeEvent, type EventContext } from './describe-event';

const milk = shoppingItem({ addedBy: 'sam' });

const context: EventContext = {
  meId: 'alex',
  nameOf: (id) => ({ sam: 'Sam', alex: 'Alex' })[id] ?? 'Someone',
  itemBefore: (_listId, itemId) => (itemId === 'milk' ? milk : undefined),
  listName: (listId) => (listId === 'list-1' ? 'Shopping' : undefined),
  householdName: () => 'Home',
};

const meta = { householdId: 'home', at: '2030-01-01T10:00:00.000Z' };

describe('notices for changes by others', () => {
  it('says who did what', () => {
    const cases: [HouseholdEvent, string | null][] = [
      [{ ...meta, actorId: 'sam', type: 'shopping:item:added', listId: 'list-1', item: milk }, 'Sam added milk'],
      [{ ...meta, actorId: 'sam', type: 'shopping:item:updated', listId: 'list-1', item: { ...milk, checked: true } }, 'Sam ticked off milk'],
      [{ ...meta, actorId: 'sam', type: 'shopping:item:updated', listId: 'list-1', item: { ...milk, note: 'oat' } }, 'Sam changed milk'],
      [{ ...meta, actorId: 'sam', type: 'shopping:item:removed', listId: 'list-1', itemId: 'milk' }, 'Sam removed milk'],
      [{ ...meta, actorId: 'sam', type: 'shopping:list:removed', listId: 'list-1' }, 'Sam removed the list Shopping'],
      [{ ...meta, actorId: 'sam', type: 'system:notification', level: 'info', message: 'grab bread?', toUserId: null }, 'Sam: grab bread?'],
    ];
    for (const [event, notice] of cases) expect(describeEvent(event, context)).toBe(notice);
  });

  it('stays quiet about our own changes and the server’s bookkeeping', () => {
    expect(describeEvent({ ...meta, actorId: 'alex', type: 'shopping:item:added', listId: 'list-1', item: milk }, context)).toBeNull();
    expect(describeEvent({ ...meta, actorId: null, type: 'household:presence', online: ['sam'] }, context)).toBeNull();
    expect(describeEvent({ ...meta, actorId: null, type: 'sync:reset', reason: 'retention' }, context)).toBeNull();
  });
});
