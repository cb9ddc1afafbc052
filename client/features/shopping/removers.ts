import { perSession } from '../../lib/per-session';

/**
 * Who removed each item this page saw go, from its event: an editor left open
 * on it says so ("Sam removed milk"). Recorded before the event reaches the
 * cache, so the re-render that drops the row reads it.
 */
export const removersOf = perSession(() => new Map<string, string>());
