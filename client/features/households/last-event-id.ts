import type { QueryClient } from '@tanstack/react-query';
import { localStateKey } from '../../lib/persisted-cache';

/**
 * The last event id of each household's stream, kept across reloads. It
 * lives in the query cache beside the lists, so it is stored by the same
 * write as the lists it brought up to date: a restored page never resumes
 * after an event its lists do not hold. A reload soon after resumes exactly
 * where the page left off; after a longer absence a fresh start plus one
 * refetch is cheaper than replaying every change, so an old id is not used.
 */
const FRESH_FOR_MS = 10 * 60 * 1000;
const KEY = localStateKey('last-event-ids');

type LastEventIds = Record<string, { id: string; at: number } | undefined>;

export function loadLastEventId(queryClient: QueryClient, householdId: string, now = Date.now()): string | null {
  const stored = queryClient.getQueryData<LastEventIds>(KEY)?.[householdId];
  return stored && now - stored.at < FRESH_FOR_MS ? stored.id : null;
}

/**
 * Presence and other devices' reports arrive often and carry the id already
 * stored: each change to the cache is a write of all of it to the device,
 * so the same id only refreshes how recent it is, once in a while.
 */
const REFRESH_SAME_ID_AFTER_MS = 60 * 1000;

/** Call once the event is applied to the cache: a write of the cache from then on holds both. */
export function saveLastEventId(queryClient: QueryClient, householdId: string, id: string, now = Date.now()): void {
  const stored = queryClient.getQueryData<LastEventIds>(KEY)?.[householdId];
  if (stored?.id === id && now - stored.at < REFRESH_SAME_ID_AFTER_MS) return;
  queryClient.setQueryData<LastEventIds>(KEY, (current) => ({ ...current, [householdId]: { id, at: now } }));
}
