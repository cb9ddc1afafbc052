import { useIsMutating, type Mutation } from '@tanstack/react-query';

/**
 * The one queue every change to the lists goes through. TanStack Query runs
 * the mutations of a scope one after another, in the order they were made:
 * also a queue built up offline, and one restored from storage after a
 * reload, reaches the server in order (tick, then untick, never the other way
 * round).
 */
export const OUTBOX_SCOPE = { id: 'outbox' };

export const isInOutbox = (mutation: Pick<Mutation, 'options'>): boolean => mutation.options.scope?.id === OUTBOX_SCOPE.id;

/** Changes the server has not confirmed yet: waiting offline, on their way, or restored after a reload. */
export function useWaitingChangeCount(): number {
  return useIsMutating({ predicate: isInOutbox });
}
