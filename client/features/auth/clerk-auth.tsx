import { ClerkProvider, SignIn } from '@clerk/react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { FullPageStatus } from '../../components/full-page-status';
import { SessionContext, type Session } from '../../lib/session';
import { AuthLayout } from './auth-layout';
import { useClerkAttempt, useClerkOverdue } from './clerk-loading';
import { quietClerkScriptFailures } from './clerk-script-failure';
import { ReportClerkState, type ClerkCalls, type ClerkState } from './clerk-state';
import { forgetClerkPerson, loadRememberedClerkPerson, rememberClerkPerson } from './remembered-clerk-person';
import { createTokenGate } from './token-gate';
import { WaitingForSignInBanner } from './waiting-for-sign-in-banner';

quietClerkScriptFailures();

/** Until ReportClerkState first renders (it sets the real calls during that render): nothing to ask yet. */
const BEFORE_CLERK: ClerkCalls = { getToken: () => new Promise(() => undefined), signOut: async () => undefined };

/**
 * Clerk mode. This module is only ever loaded through a dynamic import when
 * the build has a publishable key: Clerk's SDK fetches its script from Clerk's
 * servers, which a local (possibly offline) install must never depend on.
 *
 * When Clerk cannot be reached (offline, or its servers down), the person
 * last signed in on this device gets their stored lists and waiting changes,
 * read-and-queue only: their session hands out no token until Clerk loads
 * and vouches for the same person (docs/decisions/0013-clerk-offline.md).
 */
export default function ClerkAuth({ publishableKey, children }: { publishableKey: string; children: ReactNode }) {
  const [clerk, setClerk] = useState<ClerkState>({ kind: 'loading' });
  const calls = useRef<ClerkCalls>(BEFORE_CLERK);
  const loading = clerk.kind === 'loading';
  const attempt = useClerkAttempt(loading);
  const overdue = useClerkOverdue(loading);
  const [remembered, setRemembered] = useState(loadRememberedClerkPerson);

  // Clerk's word, once it has one, is what the device remembers.
  useEffect(() => {
    if (clerk.kind === 'signed-in') {
      const person = { userId: clerk.userId, displayName: clerk.displayName };
      rememberClerkPerson(person);
      setRemembered(person);
    } else if (clerk.kind === 'signed-out') {
      forgetClerkPerson();
      setRemembered(null);
    }
  }, [clerk]);

  const signedIn = clerk.kind === 'signed-in';
  const live = useRef(signedIn);
  live.current = signedIn;
  const personId = signedIn ? clerk.userId : loading && overdue ? (remembered?.userId ?? null) : null;
  const suggestedName = signedIn ? clerk.suggestedName : null;
  const gate = useMemo(() => (personId ? createTokenGate() : null), [personId]);

  useEffect(() => {
    if (signedIn) gate?.open(() => calls.current.getToken());
  }, [signedIn, gate]);

  const session = useMemo<Session | null>(
    () =>
      personId && gate
        ? {
            mode: 'clerk',
            userKey: personId,
            getToken: gate.getToken,
            signOut: async () => {
              // Before Clerk has loaded, its sign-out waits for it: the
              // person is forgotten here now, and signed out of Clerk once
              // it can be reached.
              const signingOut = calls.current.signOut();
              if (live.current) await signingOut;
              forgetClerkPerson();
              setRemembered(null);
            },
            endSession: () => void calls.current.signOut(),
            suggestedName,
          }
        : null,
    [personId, gate, suggestedName],
  );

  return (
    <>
      <ClerkProvider key={attempt} publishableKey={publishableKey} afterSignOutUrl="/">
        <ReportClerkState calls={calls} onChange={setClerk} />
        {clerk.kind === 'signed-out' && (
          <AuthLayout>
            <SignIn routing="hash" fallbackRedirectUrl={window.location.pathname} />
          </AuthLayout>
        )}
      </ClerkProvider>
      {session ? (
        <SessionContext value={session}>
          {!signedIn && <WaitingForSignInBanner displayName={remembered?.displayName ?? ''} />}
          {children}
        </SessionContext>
      ) : (
        loading && <FullPageStatus message={overdue ? 'Waiting for the sign-in service…' : 'Loading sign-in…'} />
      )}
    </>
  );
}
