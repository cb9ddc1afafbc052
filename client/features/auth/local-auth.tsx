import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { inviteCodeFromPath, usePathname } from '../../lib/location';
import { AuthLayout } from './auth-layout';
import { createLocalTokenSource } from './local-session';
import { clearSession, loadSession, saveSession, SESSION_KEY, type StoredSession } from './local-session-store';
import { SessionContext, type Session } from '../../lib/session';
import { SignInForm } from './sign-in-form';

/**
 * Local mode: the server signs people in by display name and the token lives
 * in localStorage, so a reload (or another tab) stays signed in.
 */
export function LocalAuth({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(loadSession);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);
  const userId = stored?.user.id ?? null;

  const session = useMemo(() => {
    if (!stored) return null;
    const end = (reason: string | null) => {
      clearSession();
      setEndedBecause(reason);
      setStored(null);
    };
    const tokens = createLocalTokenSource(stored, end);
    return {
      tokens,
      value: {
        mode: 'local',
        userKey: stored.user.id,
        getToken: tokens.getToken,
        signOut: async () => end(null),
        endSession: end,
        suggestedName: null,
      } satisfies Session,
    };
    // Keyed on the user alone: a renewed token must not rebuild the API client.
  }, [userId]);

  // Another tab signed out, or renewed the token.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_KEY) return;
      const next = loadSession();
      if (!next || next.user.id !== userId) setStored(next);
      else session?.tokens.replace(next);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [userId, session]);

  const invited = inviteCodeFromPath(usePathname()) !== null;
  if (!session) {
    return (
      <AuthLayout lead={invited ? 'You have been invited to a household. Sign in to join it.' : undefined}>
        {endedBecause && (
          <p className="notice" role="status">
            {endedBecause}
          </p>
        )}
        <SignInForm
          onSignedIn={(next) => {
            saveSession(next);
            setEndedBecause(null);
            setStored(next);
          }}
        />
      </AuthLayout>
    );
  }
  return <SessionContext value={session.value}>{children}</SessionContext>;
}
