import { QueryClient } from '@tanstack/react-query';
import { getMutationKey } from '@trpc/react-query';
import { describe, expect, it } from 'vitest';
import { trpc } from '../../lib/trpc';
import { categoriesScope, categorySavesPending } from './household-cache';

/** A change to the categories the server has not answered. */
function unanswered(queryClient: QueryClient, householdId: string) {
  const mutation = queryClient.getMutationCache().build(queryClient, {
    mutationKey: getMutationKey(trpc.household.setCategories),
    scope: categoriesScope(householdId),
    mutationFn: () => new Promise(() => undefined),
  });
  void mutation.execute({ householdId, categories: [] });
}

describe('changes to the categories on their way', () => {
  it('counts only those of the household asked about', () => {
    const queryClient = new QueryClient();
    unanswered(queryClient, 'home');
    unanswered(queryClient, 'home');
    unanswered(queryClient, 'cabin');
    expect(categorySavesPending(queryClient, 'home')).toBe(2);
    expect(categorySavesPending(queryClient, 'office')).toBe(0);
  });
});
