import { hashKey, useQueryClient, type MutationKey, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { newClientId } from './client-id';
import { localStateKey } from './persisted-cache';

/**
 * A change the server refused. Nothing in the outbox disappears without a
 * word: each refusal is kept (in the persisted cache, so a reload keeps it
 * too) and shown until the person dismisses it.
 */
export interface UnsavedChange {
  id: string;
  /** What the person did, in their words: "Tick “milk”". */
  what: string;
  /** Why it was refused, a sentence from the server. */
  reason: string;
  /** How to send it again when another try can succeed (a full list, once cleared); `null` when it cannot. */
  retry: { mutationKey: MutationKey; variables: Record<string, unknown> } | null;
}

const KEY = localStateKey('unsaved-changes');
const KEY_HASH = hashKey(KEY);
const NONE: UnsavedChange[] = [];

export function recordUnsaved(queryClient: QueryClient, change: Omit<UnsavedChange, 'id'>): void {
  queryClient.setQueryData<UnsavedChange[]>(KEY, (current = NONE) => [...current, { ...change, id: newClientId() }]);
}

export function dismissUnsaved(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData<UnsavedChange[]>(KEY, (current = NONE) => current.filter((change) => change.id !== id));
}

/** Sends the change again, as a new one (a fresh clientId), through the same outbox and its defaults. */
export function tryAgain(queryClient: QueryClient, change: UnsavedChange): void {
  dismissUnsaved(queryClient, change.id);
  if (!change.retry) return;
  const mutation = queryClient.getMutationCache().build(queryClient, { mutationKey: change.retry.mutationKey });
  // A second refusal is recorded again by the defaults' onError.
  mutation.execute({ ...change.retry.variables, clientId: newClientId() }).catch(() => undefined);
}

export function useUnsavedChanges(): UnsavedChange[] {
  const queryClient = useQueryClient();
  const subscribe = useCallback(
    (onChange: () => void) =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === KEY_HASH) onChange();
      }),
    [queryClient],
  );
  const read = () => queryClient.getQueryData<UnsavedChange[]>(KEY) ?? NONE;
  return useSyncExternalStore(subscribe, read, read);
}
