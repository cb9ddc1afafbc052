import { readStored, writeStored } from '../../lib/storage';

/**
 * The last event id of a household's stream, kept across reloads. A reload
 * soon after resumes exactly where the page left off; after a longer absence
 * a fresh start plus one refetch is cheaper than replaying every change, so
 * an old id is not used.
 */
const FRESH_FOR_MS = 10 * 60 * 1000;

interface Stored {
  id: string;
  at: number;
}

const isStored = (value: unknown): value is Stored =>
  !!value && typeof value === 'object' && typeof (value as Stored).id === 'string' && typeof (value as Stored).at === 'number';

const keyOf = (userId: string, householdId: string) => `honeydo.lastEvent.${userId}.${householdId}`;

export function loadLastEventId(userId: string, householdId: string, now = Date.now()): string | null {
  const stored = readStored(keyOf(userId, householdId), isStored);
  return stored && now - stored.at < FRESH_FOR_MS ? stored.id : null;
}

export function saveLastEventId(userId: string, householdId: string, id: string, now = Date.now()): void {
  writeStored(keyOf(userId, householdId), { id, at: now } satisfies Stored);
}
