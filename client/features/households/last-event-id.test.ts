import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { loadLastEventId, saveLastEventId } from './last-event-id';

const at = Date.parse('2030-01-01T12:00:00.000Z');

/** How many times the cache changed: each change is a write of the whole cache to the device. */
function countCacheChanges(queryClient: QueryClient): () => number {
  let changes = 0;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success') changes++;
  });
  return () => changes;
}

describe('the last event id of a household', () => {
  it('is resumed from while fresh, and not after a long absence', () => {
    const queryClient = new QueryClient();
    saveLastEventId(queryClient, 'home', '12', at);
    expect(loadLastEventId(queryClient, 'home', at + 60_000)).toBe('12');
    expect(loadLastEventId(queryClient, 'home', at + 11 * 60_000)).toBeNull();
    expect(loadLastEventId(queryClient, 'work', at)).toBeNull();
  });

  it('the same id again changes the cache only to say, once in a while, that it is still recent', () => {
    const queryClient = new QueryClient();
    const changes = countCacheChanges(queryClient);
    saveLastEventId(queryClient, 'home', '12', at);
    for (let second = 1; second < 60; second++) saveLastEventId(queryClient, 'home', '12', at + second * 1000);
    expect(changes()).toBe(1);
    saveLastEventId(queryClient, 'home', '13', at + 59_000);
    expect(changes()).toBe(2);
    saveLastEventId(queryClient, 'home', '13', at + 59_000 + 60_000);
    expect(changes()).toBe(3);
    // Refreshed: still fresh ten minutes after the last refresh, not after the first save of 13.
    expect(loadLastEventId(queryClient, 'home', at + 59_000 + 60_000 + 9 * 60_000)).toBe('13');
  });
});
