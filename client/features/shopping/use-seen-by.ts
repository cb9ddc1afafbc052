import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { seenByOf, type SeenBy } from './seen-by';

/** Which devices have our recent changes, re-rendering the caller when a device reports. */
export function useSeenBy(): SeenBy {
  const seenBy = seenByOf(useQueryClient());
  useSyncExternalStore(seenBy.subscribe, seenBy.snapshot);
  return seenBy;
}
