import type { ItemField } from '../../../shared/types';
import { perSession } from '../../lib/per-session';

/**
 * The fields each item's latest update touched, as its event said: the item
 * itself does not tell an untick from any other edit. Filled as events
 * arrive, so it knows only what this page saw; recorded before the event
 * reaches the cache, so the re-render that follows reads it.
 */
export const lastItemChangesOf = perSession(() => new Map<string, readonly ItemField[]>());
