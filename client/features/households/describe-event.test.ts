import { describe, expect, it } from 'vitest';
import type { HouseholdEvent, HouseholdEventOf } from '../../../shared/events';
import type { Household } from '../../../shared/types';
import { shoppingItem } from '../../test/fixtures';
import { describeChange, describeEvent, type EventContext } from './describe-event';
import { createNoticeFeed, type Notice } from './household-notices';

const milk = shoppingItem({ id: 'milk', addedBy: 'sam', quantity: 1, unit: 'l' });

const home: Household = { id: 'home', name: 'Home', inviteCode: 'ABCD', createdAt: '2030-01-01T09:00:00.000Z', members: [], categories: ['Bakery', 'Dairy & eggs'] };

/** A live notice's context: the cache as it was before the event. */
const context: EventContext = {
  meId: 'alex',
  nameOf: (id, known) => ({ sam: 'Sam', alex: 'Alex' })[id] ?? known ?? 'Someone',
  itemBefore: (_listId, itemId) => (itemId === 'milk' ? milk : undefined),
  listName: (listId) => (listId === 'list-1' ? 'Shopping' : undefined),
  householdBefore: () => home,
};

/** The activity view's context: no "before", and "you" for the viewer. */
const past: EventContext = {
  meId: 'alex',
  nameOf: (id) => (id === 'alex' ? 'you' : id === 'sam' ? 'Sam' : 'a former member'),
  itemBefore: () => undefined,
  listName: () => undefined,
  householdBefore: () => undefined,
};

const meta = { householdId: 'home', at: '2030-01-01T10:00:00.000Z' };
const bySam = { ...meta, actorId: 'sam', listId: 'list-1' };

describe('notices for changes by others', () => {
  it('says who added, removed, ticked or brought back what', () => {
    const cases: [HouseholdEvent, string | null][] = [
      [{ ...bySam, type: 'shopping:item:added', item: { ...milk, quantity: null } }, 'Sam added milk'],
      [{ ...bySam, type: 'shopping:item:added', item: { ...milk, quantity: 2 } }, 'Sam added 2 l milk'],
      [{ ...bySam, type: 'shopping:item:added', item: milk, reason: 'restored' }, 'Sam brought back milk'],
      [{ ...bySam, type: 'shopping:item:updated', item: { ...milk, checked: true }, fields: ['checked'] }, 'Sam ticked off milk'],
      [{ ...bySam, type: 'shopping:item:updated', item: { ...milk, checked: false }, fields: ['checked'] }, 'Sam put milk back on the list'],
      [{ ...bySam, type: 'shopping:item:removed', itemId: 'milk', name: 'milk', reason: 'removed' }, 'Sam removed milk'],
      [{ ...bySam, type: 'shopping:item:removed', itemId: 'gone' }, 'Sam removed an item'],
      [{ ...meta, actorId: 'sam', type: 'shopping:list:removed', listId: 'list-1' }, 'Sam removed the list Shopping'],
      [{ ...meta, actorId: 'sam', type: 'system:notification', level: 'info', message: 'grab bread?', toUserId: null }, 'Sam: grab bread?'],
    ];
    for (const [event, notice] of cases) expect(describeEvent(event, context)).toBe(notice);
  });

  it('says which fields someone changed', () => {
    const update = (fields: HouseholdEventOf<'shopping:item:updated'>['fields'], item = milk) =>
      describeEvent({ ...bySam, type: 'shopping:item:updated', item, fields }, context);
    expect(update(['note'])).toBe('Sam changed the note of milk');
    expect(update(['quantity', 'note'])).toBe('Sam changed the quantity and note of milk');
    expect(update(['quantity', 'unit', 'category'])).toBe('Sam changed the quantity, unit and category of milk');
    expect(update(['name'], { ...milk, name: 'oat milk' })).toBe('Sam renamed milk to oat milk');
    // An event from before per-field updates: the fields are told from the row we held.
    expect(update(undefined, { ...milk, note: 'oat' })).toBe('Sam changed the note of milk');
  });

  it('says how much someone added to an item already on the list', () => {
    const merged = (item = milk, fields: ('quantity' | 'note')[] = ['quantity']) =>
      describeEvent({ ...bySam, type: 'shopping:item:updated', item, fields, merged: true }, context);
    expect(merged({ ...milk, quantity: 3 })).toBe('Sam added 2 l more milk');
    expect(merged({ ...milk, unit: null, quantity: 3 })).toBe('Sam added 2 more milk');
    expect(merged({ ...milk, note: 'oat' }, ['note'])).toBe('Sam added milk again');
  });

  it('tells one clear of the basket as one notice, however many items it took', () => {
    const cleared = (itemId: string, name: string): HouseholdEvent => ({ ...bySam, type: 'shopping:item:removed', itemId, name, reason: 'cleared' });
    // As the stream shows them: a notice with a key already on screen replaces it.
    const feed = createNoticeFeed();
    const onScreen = new Map<string, Notice>();
    for (const [i, event] of [cleared('a', 'eggs'), cleared('b', 'bread'), cleared('c', 'jam')].entries()) {
      const notice = feed.noticeOf(event, context, 1000 + i);
      if (notice) onScreen.set(notice.key, notice);
    }
    expect([...onScreen.values()].map((notice) => notice.line)).toEqual(['Sam cleared the checked items']);
  });

  it('says what changed in the household', () => {
    const updated = (household: Household) => describeEvent({ ...meta, actorId: 'sam', type: 'household:updated', household }, context);
    expect(updated({ ...home, name: 'Flat' })).toBe('Sam renamed the household to Flat');
    expect(updated({ ...home, categories: ['Dairy & eggs', 'Bakery'] })).toBe('Sam changed the categories');
    expect(updated({ ...home, inviteCode: 'WXYZ' })).toBeNull();
  });

  it('stays quiet about our own changes and the server’s bookkeeping', () => {
    expect(describeEvent({ ...bySam, actorId: 'alex', type: 'shopping:item:added', item: milk }, context)).toBeNull();
    expect(describeEvent({ ...meta, actorId: null, type: 'household:presence', online: ['sam'] }, context)).toBeNull();
    expect(describeEvent({ ...meta, actorId: null, type: 'sync:reset', reason: 'retention' }, context)).toBeNull();
  });
});

describe('lines of the activity view', () => {
  it('includes our own changes, and counts a clear of several items as one', () => {
    const clear: HouseholdEvent = { ...bySam, actorId: 'alex', type: 'shopping:item:removed', itemId: 'a', name: 'eggs', reason: 'cleared' };
    expect(describeChange(clear, past, 6)).toBe('You cleared 6 checked items');
    expect(describeChange(clear, past, 1)).toBe('You cleared eggs from the basket');
    expect(describeChange({ ...bySam, actorId: 'alex', type: 'shopping:item:added', item: milk }, past)).toBe('You added 1 l milk');
  });

  it('names a member who has left as a former member, even by the name they joined with', () => {
    expect(describeChange({ ...bySam, actorId: 'jo', type: 'shopping:item:added', item: { ...milk, quantity: null } }, past)).toBe('A former member added milk');
    const joined: HouseholdEvent = { ...meta, actorId: 'jo', type: 'household:member:joined', member: { id: 'jo', displayName: 'Jo', role: 'member', joinedAt: meta.at } };
    expect(describeChange(joined, past)).toBe('A former member joined the household');
    expect(describeChange(joined, { ...past, nameOf: (id, known) => known ?? id })).toBe('Jo joined the household');
  });

  it('says what kind of change it was where there is nothing to compare with', () => {
    expect(describeChange({ ...meta, actorId: 'sam', type: 'household:updated', household: home }, past)).toBe('Sam changed the household’s settings');
    expect(describeChange({ ...meta, actorId: 'sam', type: 'shopping:list:updated', list: { id: 'l', householdId: 'home', name: 'Party', createdAt: meta.at, updatedAt: meta.at } }, past)).toBe(
      'Sam renamed a list to Party',
    );
    expect(describeChange({ ...bySam, type: 'shopping:item:updated', item: { ...milk, quantity: 3 }, fields: ['quantity'], merged: true }, past)).toBe('Sam added more milk');
  });
});
