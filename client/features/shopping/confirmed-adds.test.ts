import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { confirmedItemId, pendingIdsByItemId, rememberConfirmedAdd } from './confirmed-adds';
import { pendingItemId } from './list-rows';

describe('adds the server has confirmed', () => {
  it('a confirmed row is known by the pending id it had, so it keeps its place on screen', () => {
    const queryClient = new QueryClient();
    rememberConfirmedAdd(queryClient, 'add-1', 'milk-id');
    expect(confirmedItemId(queryClient, pendingItemId('add-1'))).toBe('milk-id');
    expect(pendingIdsByItemId(queryClient).get('milk-id')).toBe(pendingItemId('add-1'));
    expect(pendingIdsByItemId(queryClient).get('bread-id')).toBeUndefined();
  });
});
