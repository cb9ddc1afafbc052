import { dehydrate, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { cacheRecord, outboxRecord } from './stored-records';

/** A cache with a list and a change waiting offline, dehydrated as the persister stores it. */
function dehydratedCache() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(['lists'], ['milk']);
  queryClient.getMutationCache().build(queryClient, { mutationKey: ['add'], networkMode: 'online' }).state.variables = { name: 'eggs' };
  return dehydrate(queryClient, { shouldDehydrateMutation: () => true });
}

describe('records read from the device store', () => {
  it('a snapshot and an outbox as TanStack Query dehydrates them are read back as they were', () => {
    const { queries, mutations } = dehydratedCache();
    const snapshot = { timestamp: 1, buster: '1', clientState: { queries, mutations: [] } };

    expect(cacheRecord.parse({ snapshot })).toEqual({ snapshot });
    expect(cacheRecord.parse({ signedOut: true })).toEqual({ signedOut: true });
    expect(outboxRecord.parse({ changes: mutations, tabState: [] })).toEqual({ changes: mutations, tabState: [] });
  });

  it('garbage, a record missing its parts, and a change without its state are refused', () => {
    const { queries } = dehydratedCache();

    expect(cacheRecord.safeParse('garbage').success).toBe(false);
    expect(cacheRecord.safeParse({ snapshot: { timestamp: 1, buster: '1' } }).success).toBe(false);
    expect(cacheRecord.safeParse({ snapshot: { timestamp: 1, buster: '1', clientState: { queries: [{ queryKey: 'lists' }], mutations: [] } } }).success).toBe(false);
    expect(outboxRecord.safeParse({ changes: [{ mutationKey: ['add'] }], tabState: queries }).success).toBe(false);
    expect(outboxRecord.safeParse({ changes: [] }).success).toBe(false);
  });
});
