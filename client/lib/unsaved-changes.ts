import { hashKey, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { newClientId } from './client-id';
import { queueChange, type QueuedChange } from './outbox';
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
  retry: QueuedChange | null;
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
  if (change.retry) queueChange(queryClient, change.retry);
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
