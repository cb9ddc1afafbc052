import { lazy, Suspense, type ReactNode } from 'react';
import { FullPageStatus } from '../../components/full-page-status';
import { LocalAuth } from './local-auth';

const publishableKey = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY;

// Decided at build time: without a key the dynamic import is dead code, so a
// local build neither ships nor fetches anything of Clerk's.
const ClerkAuth = publishableKey ? lazy(() => import('./clerk-auth')) : null;

/** Renders `children` for a signed-in person, after the sign-in this build uses. */
export function AuthGate({ children }: { children: ReactNode }) {
  if (ClerkAuth && publishableKey) {
    return (
      <Suspense fallback={<FullPageStatus message="Loading sign-in…" />}>
        <ClerkAuth publishableKey={publishableKey}>{children}</ClerkAuth>
      </Suspense>
    );
  }
  return <LocalAuth>{children}</LocalAuth>;
}
