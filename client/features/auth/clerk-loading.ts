import { useEffect, useState } from 'react';

/** How long an online device waits for Clerk before it opens the remembered person's lists. */
const CLERK_GRACE_MS = 3000;

/**
 * Clerk has had its chance: the device is offline, or Clerk has not loaded
 * within a moment. Once true it stays so for this page: a later attempt to
 * load Clerk must not take the open lists off the screen.
 */
export function useClerkOverdue(loading: boolean): boolean {
  const [overdue, setOverdue] = useState(() => !navigator.onLine);
  useEffect(() => {
    if (overdue || !loading) return;
    const giveUp = () => setOverdue(true);
    const timer = setTimeout(giveUp, CLERK_GRACE_MS);
    window.addEventListener('offline', giveUp);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('offline', giveUp);
    };
  }, [overdue, loading]);
  return overdue;
}

/**
 * A number that grows each time the device comes back online while Clerk
 * has not loaded. Clerk does not try again after its script or its servers
 * failed, so a ClerkProvider keyed by it starts over with the network back.
 */
export function useClerkAttempt(loading: boolean): number {
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!loading) return;
    const retry = () => setAttempt((previous) => previous + 1);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [loading]);
  return attempt;
}
