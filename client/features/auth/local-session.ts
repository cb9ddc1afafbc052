import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../../../shared/api';
import { errorCode } from '../../lib/api-errors';
import { saveDeviceIdentity, type DeviceIdentity } from './device-identity';
import { hasExpired, isDueForRenewal, saveSession, type StoredSession } from './local-session-store';

/** A plain client for the two auth calls, which must not go through the session's own token logic. */
function authClient(token?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${window.location.origin}/trpc`, headers: token ? { authorization: `Bearer ${token}` } : {} })],
  });
}

/** A new person; the device remembers them, so that they can come back after signing out. */
export async function signInLocal(displayName: string, password?: string): Promise<StoredSession> {
  const result = await authClient().auth.signInLocal.mutate({ displayName, ...(password ? { password } : {}) });
  saveDeviceIdentity({ userId: result.user.id, displayName: result.user.displayName, deviceKey: result.deviceKey });
  return { token: result.token, expiresAt: result.expiresAt, user: result.user };
}

/** The person this device signed in as before, by the key it kept. */
export async function resumeLocal(identity: DeviceIdentity, password?: string): Promise<StoredSession> {
  const result = await authClient().auth.resumeLocal.mutate({ userId: identity.userId, deviceKey: identity.deviceKey, ...(password ? { password } : {}) });
  // They may have renamed themselves since: the button says the name they have now.
  saveDeviceIdentity({ ...identity, displayName: result.user.displayName });
  return { token: result.token, expiresAt: result.expiresAt, user: result.user };
}

/**
 * Hands out the current token, renewing it first when past half its
 * lifetime. Concurrent callers share one renewal. A renewal that fails on the
 * network keeps the current token while it is still valid; one the server
 * refuses ends the session.
 */
export function createLocalTokenSource(initial: StoredSession, onEnded: (reason: string) => void) {
  let current = initial;
  let renewing: Promise<void> | null = null;

  const renew = async () => {
    try {
      const renewed = await authClient(current.token).auth.renewLocal.mutate();
      current = { token: renewed.token, expiresAt: renewed.expiresAt, user: renewed.user };
      saveSession(current);
    } catch (error) {
      if (errorCode(error) === 'UNAUTHORIZED') onEnded('Your session has ended. Sign in again to continue.');
    }
  };

  return {
    async getToken(): Promise<string | null> {
      if (isDueForRenewal(current)) {
        renewing ??= renew().finally(() => (renewing = null));
        await renewing;
      }
      if (hasExpired(current)) {
        onEnded('Your session has expired. Sign in again to continue.');
        return null;
      }
      return current.token;
    },
    /** Another tab renewed or replaced the session. */
    replace(next: StoredSession) {
      current = next;
    },
  };
}
