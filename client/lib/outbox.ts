import { useIsMutating, type Mutation, type MutationKey, type QueryClient } from '@tanstack/react-query';
import { newClientId } from './client-id';

/**
 * The queue every change of this tab to the lists goes through. TanStack
 * Query runs the mutations of a scope one after another, in the order they
 * were made: also a queue built up offline, and one restored from storage
 * after a reload, reaches the server in order (tick, then untick, never the
 * other way round).
 */
export const OUTBOX_SCOPE = { id: 'outbox' };

/**
 * The changes adopted from a tab that went away keep their own order in a
 * queue of their own, beside this tab's: one of this tab's changes that
 * waits for an add among them (change-writer.ts) must not hold them up.
 */
export const adoptedScope = (fromTab: string) => ({ id: `${OUTBOX_SCOPE.id}:${fromTab}` });

export const isAdopted = (change: { scope?: { id: string } }): boolean => Boolean(change.scope?.id.startsWith(`${OUTBOX_SCOPE.id}:`));

export const isInOutbox = (mutation: Pick<Mutation, 'options'>): boolean => mutation.options.scope?.id === OUTBOX_SCOPE.id || isAdopted(mutation.options);

/** Changes the server has not confirmed yet: waiting offline, on their way, or restored after a reload. */
export function useWaitingChangeCount(): number {
  return useIsMutating({ predicate: isInOutbox });
}

/** A change kept as data, to be queued later (an undo, a retry): stored, it survives a reload, which a function would not. */
export interface QueuedChange {
  mutationKey: MutationKey;
  /** The input without its `clientId`: each time it is queued it is a new change, with a fresh one. */
  variables: Record<string, unknown>;
}

/** Queues `change` in the outbox; its `mutationFn` and cache updates come from the mutation defaults of its key. */
export function queueChange(queryClient: QueryClient, change: QueuedChange): void {
  const mutation = queryClient.getMutationCache().build(queryClient, { mutationKey: change.mutationKey });
  // A refusal is recorded by the defaults' onError.
  mutation.execute({ ...change.variables, clientId: newClientId() }).catch(() => undefined);
}
