import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { HouseholdEvent } from '../../../shared/events';
import { shoppingItem } from '../../test/fixtures';
import { activityQueryKey, addToActivity, withLiveEvent, type ActivityData } from './activity-cache';

const meta = { householdId: 'home', actorId: 'alex', listId: 'list-1' };
const added = (name: string): HouseholdEvent => ({ ...meta, at: '2030-01-01T10:00:00.000Z', type: 'shopping:item:added', item: shoppingItem({ name }) });
const cleared = (itemId: string, at = '2030-01-01T11:00:00.000Z', clientId = 'clear-1'): HouseholdEvent => ({
  ...meta,
  at,
  clientId,
  type: 'shopping:item:removed',
  itemId,
  name: itemId,
  reason: 'cleared',
});

const activity = (...entries: [string, HouseholdEvent, number?][]): ActivityData => ({
  pages: [{ entries: entries.map(([id, event, count = 1]) => ({ id, event, count })), nextBefore: null }],
  pageParams: [null],
});
const lines = (data: ActivityData) => data.pages.flatMap((page) => page.entries.map((entry) => [entry.id, entry.event.type, entry.count]));

describe('live events in the activity', () => {
  it('go on top, newest first', () => {
    const data = withLiveEvent(activity(['5', added('milk')]), '6', added('bread'));
    expect(lines(data)).toEqual([
      ['6', 'shopping:item:added', 1],
      ['5', 'shopping:item:added', 1],
    ]);
  });

  it('an event already shown (replayed after a reconnect) is not shown twice', () => {
    const data = activity(['6', added('bread')], ['5', added('milk')]);
    expect(withLiveEvent(data, '5', added('milk'))).toBe(data);
    expect(withLiveEvent(data, '6', added('bread'))).toBe(data);
  });

  it('the removals of one "clear checked" stay one line with a count', () => {
    let data = activity(['5', added('milk')]);
    for (const [id, item] of [['6', 'eggs'], ['7', 'bread'], ['8', 'jam']] as const) data = withLiveEvent(data, id, cleared(item));
    expect(lines(data)).toEqual([
      ['8', 'shopping:item:removed', 3],
      ['5', 'shopping:item:added', 1],
    ]);
    // The next clear is an action of its own.
    data = withLiveEvent(data, '9', cleared('tea', '2030-01-01T12:00:00.000Z', 'clear-2'));
    expect(lines(data)[0]).toEqual(['9', 'shopping:item:removed', 1]);
  });

  it('presence is not activity', () => {
    const data = activity();
    expect(withLiveEvent(data, '7', { householdId: 'home', actorId: null, at: '2030-01-01T10:00:00.000Z', type: 'household:presence', online: [] })).toBe(data);
    expect(lines(withLiveEvent(data, '8', added('milk')))).toEqual([['8', 'shopping:item:added', 1]]);
  });
});

describe('an event while the activity is on its first load', () => {
  it('has the activity read again, as the load may have been read before it', () => {
    const queryClient = new QueryClient();
    queryClient.getQueryCache().build(queryClient, { queryKey: activityQueryKey('home') });
    const refetchSoon = vi.fn();
    addToActivity(queryClient, 'home', '6', added('bread'), refetchSoon);
    expect(refetchSoon).toHaveBeenCalledWith('activity:home', expect.any(Function));
  });

  it('an activity nobody has asked for, or one already loaded, is not read again', () => {
    const queryClient = new QueryClient();
    const refetchSoon = vi.fn();
    addToActivity(queryClient, 'home', '6', added('bread'), refetchSoon);
    queryClient.setQueryData(activityQueryKey('home'), activity(['5', added('milk')]));
    addToActivity(queryClient, 'home', '7', added('jam'), refetchSoon);
    expect(refetchSoon).not.toHaveBeenCalled();
    expect(lines(queryClient.getQueryData<ActivityData>(activityQueryKey('home'))!)).toEqual([
      ['7', 'shopping:item:added', 1],
      ['5', 'shopping:item:added', 1],
    ]);
  });
});
