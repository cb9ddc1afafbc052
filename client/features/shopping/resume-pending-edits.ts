import type { QueryClient } from '@tanstack/react-query';
import type { EditContext } from './item-mutation-context';
import { ITEM_MUTATION_KEYS, type ItemInputs } from './item-mutation-keys';
import { pendingEditsOf } from './pending-edits';

/**
 * Edits restored from storage are shown on top of what the server sends
 * next, as before the reload: their `onMutate` does not run again, so the
 * base and patch it stored are begun anew.
 */
export function resumePendingEdits(queryClient: QueryClient): void {
  const edits = pendingEditsOf(queryClient);
  for (const mutation of queryClient.getMutationCache().findAll({ mutationKey: ITEM_MUTATION_KEYS.update, status: 'pending' })) {
    const context = mutation.state.context as EditContext | undefined;
    const input = mutation.state.variables as ItemInputs['update'] | undefined;
    if (context?.base && input) edits.begin(context.base, input.clientId ?? '', context.patch);
  }
}
