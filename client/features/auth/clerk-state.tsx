import { useAuth, useUser } from '@clerk/react';
import { useEffect, type RefObject } from 'react';
import type { TokenSource } from '../../lib/trpc';

/** What Clerk says about this device's person, once it has loaded. */
export type ClerkState =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; userId: string; displayName: string; suggestedName: string | null };

/** Clerk's calls, from whichever ClerkProvider is mounted now. Before Clerk has loaded, each waits for it. */
export interface ClerkCalls {
  getToken: TokenSource;
  signOut(): Promise<void>;
}

/**
 * Reports Clerk's state from inside its provider, so that the signed-in app
 * can live outside it: the provider is started over when the device comes
 * back online, and the app's lists, open forms and undo history must not be.
 */
export function ReportClerkState({ calls, onChange }: { calls: RefObject<ClerkCalls>; onChange: (state: ClerkState) => void }) {
  const { isLoaded, isSignedIn, userId, getToken, signOut } = useAuth();
  const { user } = useUser();
  // Clerk hands out new functions on re-render; whoever holds `calls` keeps one stable object.
  calls.current = { getToken: () => getToken(), signOut: () => signOut() };
  const suggestedName = user?.fullName ?? user?.username ?? null;
  const displayName = suggestedName ?? user?.primaryEmailAddress?.emailAddress ?? '';

  useEffect(() => {
    if (!isLoaded) onChange({ kind: 'loading' });
    else if (isSignedIn && userId) onChange({ kind: 'signed-in', userId, displayName, suggestedName });
    else onChange({ kind: 'signed-out' });
  }, [isLoaded, isSignedIn, userId, displayName, suggestedName, onChange]);
  return null;
}
