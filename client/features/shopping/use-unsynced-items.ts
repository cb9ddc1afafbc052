import { useMutationState, useQueryClient } from '@tanstack/react-query';
import { isInOutbox } from '../../lib/outbox';
import { confirmedItemId } from './confirmed-adds';

/**
 * Ids of items with a change of ours the server has not confirmed yet (a
 * tick made offline, say), so the row can say so rather than pass for saved.
 * Changes restored from storage after a reload count too, and so does a
 * change queued for a row added offline once that row has its real id.
 */
export function useUnsyncedItemIds(): ReadonlySet<string> {
  const queryClient = useQueryClient();
  const ids = useMutationState({
    filters: { status: 'pending', predicate: isInOutbox },
    select: (mutation) => itemIdsOf(mutation.state.variables),
  });
  return new Set(ids.flat().flatMap((itemId) => [itemId, confirmedItemId(queryClient, itemId) ?? itemId]));
}

/** The items a change is about: `itemId` of an update or removal, `itemIds` of a restore. */
function itemIdsOf(variables: unknown): string[] {
  if (!variables || typeof variables !== 'object') return [];
  if ('itemId' in variables && typeof variables.itemId === 'string') return [variables.itemId];
  if ('itemIds' in variables && Array.isArray(variables.itemIds)) return variables.itemIds.filter((id): id is string => typeof id === 'string');
  return [];
}
