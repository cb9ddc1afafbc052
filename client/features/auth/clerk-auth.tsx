import { ClerkProvider, SignIn, useAuth, useUser } from '@clerk/react';
import { useMemo, useRef, type ReactNode } from 'react';
import { FullPageStatus } from '../../components/full-page-status';
import { AuthLayout } from './auth-layout';
import { SessionContext, type Session } from '../../lib/session';

/**
 * Clerk mode. This module is only ever loaded through a dynamic import when
 * the build has a publishable key: Clerk's SDK fetches its script from Clerk's
 * servers, which a local (possibly offline) install must never depend on.
 */
export default function ClerkAuth({ publishableKey, children }: { publishableKey: string; children: ReactNode }) {
  return (
    <ClerkProvider publishableKey={publishableKey} afterSignOutUrl="/">
      <ClerkSession>{children}</ClerkSession>
    </ClerkProvider>
  );
}

function ClerkSession({ children }: { children: ReactNode }) {
  const { isLoaded, isSignedIn, userId, getToken, signOut } = useAuth();
  const { user } = useUser();
  // Clerk hands out new functions on re-render; the session object must stay
  // stable or the API client (and its WebSocket) would be rebuilt each time.
  const latest = useRef({ getToken, signOut });
  latest.current = { getToken, signOut };
  const suggestedName = user?.fullName ?? user?.username ?? null;

  const session = useMemo<Session | null>(
    () =>
      userId
        ? {
            mode: 'clerk',
            userKey: userId,
            // Clerk caches the token and refreshes it before its minute is up.
            getToken: () => latest.current.getToken(),
            signOut: () => latest.current.signOut(),
            endSession: () => void latest.current.signOut(),
            suggestedName,
          }
        : null,
    [userId, suggestedName],
  );

  if (!isLoaded) return <FullPageStatus message="Loading sign-in…" />;
  if (!isSignedIn || !session) {
    return (
      <AuthLayout>
        <SignIn routing="hash" fallbackRedirectUrl={window.location.pathname} />
      </AuthLayout>
    );
  }
  return <SessionContext value={session}>{children}</SessionContext>;
}
