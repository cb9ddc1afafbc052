import { verifyToken } from '@clerk/backend';
import type { AuthMode } from '../env';

export interface Session {
  userId: string;
  sessionId: string;
  /** Epoch milliseconds after which the token no longer authenticates. */
  expiresAt: number;
  /** A display name the identity provider vouches for, when it sends one. */
  name?: string;
}

export type VerifySession = (token: string) => Promise<Session | null>;

/**
 * One verification path for both auth modes: Clerk's own `verifyToken`, given
 * Clerk's PEM key (or secret key) in Clerk mode and the server's local public
 * key in local mode. Any failure (expired, wrong key, wrong `azp`, `alg: none`,
 * garbage) is `null`: callers answer UNAUTHORIZED, never crash.
 */
export function createSessionVerifier(mode: AuthMode, localPublicKeyPem?: string): VerifySession {
  const options =
    mode.kind === 'clerk'
      ? {
          jwtKey: mode.jwtKey,
          secretKey: mode.secretKey,
          authorizedParties: mode.authorizedParties.length > 0 ? mode.authorizedParties : undefined,
        }
      : { jwtKey: localPublicKeyPem };
  return async (token) => {
    if (!token || token.length > 8192) return null;
    try {
      const payload = await verifyToken(token, options);
      if (typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return null;
      // verifyToken tolerates 5 s of clock skew on every time claim. Keep that
      // for `nbf`/`iat` (a token minted by a clock slightly ahead of ours), not
      // for `exp`: a WebSocket opened on an expired token would be due for
      // renewal at once, and a client that resends it would reconnect in a loop.
      if (payload.exp * 1000 <= Date.now()) return null;
      const name = (payload as { name?: unknown }).name;
      return {
        userId: payload.sub,
        sessionId: payload.sid,
        expiresAt: payload.exp * 1000,
        name: typeof name === 'string' && name.trim() ? name.trim() : undefined,
      };
    } catch {
      return null;
    }
  };
}
