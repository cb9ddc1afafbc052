import { createHash } from 'node:crypto';
import type { Session, VerifySession } from './verify-session';

/** Enough for every member's tokens of a busy server; a few hundred bytes each. */
const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * Remembers the sessions of tokens that verified, until they expire. Over HTTP
 * every request brings its token, and an RSA signature check costs more than
 * the rest of a mutation together; the same token checks out the same way
 * until its `exp`, so the answer is kept. Keys are SHA-256 digests, not the
 * tokens themselves: a token is never held longer than its request, and an
 * entry stays small. Refusals are not kept: any string can be sent, and an
 * attacker must not be able to fill the cache.
 *
 * Past `maxEntries` the oldest entry goes first. A hit leaves the cache as it
 * is: moving the entry to the end on every request (least recently used
 * order) made the map rehash itself over and over and kept a fresh digest
 * string alive per request, garbage the collector had to promote, on the path
 * of every HTTP call. An entry dropped while still in use costs one signature
 * check when its token returns.
 */
export function cacheSessions(verify: VerifySession, maxEntries = DEFAULT_MAX_ENTRIES): VerifySession {
  const sessions = new Map<string, Session>();
  return async (token) => {
    const key = createHash('sha256').update(token).digest('base64');
    const known = sessions.get(key);
    if (known) {
      if (known.expiresAt > Date.now()) return known;
      sessions.delete(key);
      return null;
    }
    const session = await verify(token);
    if (!session) return null;
    sessions.set(key, session);
    if (sessions.size > maxEntries) sessions.delete(sessions.keys().next().value as string);
    return session;
  };
}
