import { useSyncExternalStore } from 'react';

/**
 * The app has two addresses (the list at `/` and invite links at
 * `/join/<code>`), which does not justify a router: the path is state, and
 * `navigate` changes it through the History API.
 */
const NAVIGATE_EVENT = 'honeydo:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The invite code of a `/join/<code>` path. */
export function inviteCodeFromPath(pathname: string): string | null {
  const match = pathname.match(/^\/join\/([^/]+)\/?$/);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function inviteLink(inviteCode: string): string {
  return `${window.location.origin}/join/${encodeURIComponent(inviteCode)}`;
}
