import type { QueryClient } from '@tanstack/react-query';
import { describeError, errorCode } from '../../lib/api-errors';
import { recordUnsaved } from '../../lib/unsaved-changes';
import { ITEM_MUTATION_KEYS, type ItemMutation } from './item-mutation-keys';

/** Only when `onMutate` itself failed is there no better word for it. */
export const SOME_CHANGE = 'A change to the list';

/** Codes where the same change can succeed later (a full list, once cleared); the others will not change. */
const WORTH_ANOTHER_TRY = new Set(['CONFLICT', 'INTERNAL_SERVER_ERROR', 'TIMEOUT']);

/**
 * A change the server refused is recorded as not saved, never dropped
 * silently; one that may succeed later keeps what it takes to try again.
 */
export function recordRefusal(queryClient: QueryClient, error: unknown, what: string, mutation: ItemMutation, variables: Record<string, unknown>): void {
  recordUnsaved(queryClient, {
    what,
    reason: describeError(error),
    retry: WORTH_ANOTHER_TRY.has(errorCode(error) ?? '') ? { mutationKey: ITEM_MUTATION_KEYS[mutation], variables } : null,
  });
}
