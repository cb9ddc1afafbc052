import { useMutationState } from '@tanstack/react-query';

/**
 * Ids of items with a change of ours the server has not confirmed yet (a
 * tick made offline, say), so the row can say so rather than pass for saved.
 */
export function useUnsyncedItemIds(): ReadonlySet<string> {
  const ids = useMutationState({
    filters: { status: 'pending' },
    select: (mutation) => {
      const variables: unknown = mutation.state.variables;
      return variables && typeof variables === 'object' && 'itemId' in variables && typeof variables.itemId === 'string'
        ? variables.itemId
        : null;
    },
  });
  return new Set(ids.filter((id): id is string => id !== null));
}
