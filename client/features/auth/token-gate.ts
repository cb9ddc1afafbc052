import type { TokenSource } from '../../lib/trpc';

/**
 * The token source of a Clerk session opened before Clerk could vouch for
 * the person (offline, or Clerk unreachable). Every call waits, so nothing
 * is sent, until `open` hands over Clerk's token source for this same
 * person; the calls then go on with a fresh token. A different person gets
 * a gate of their own, so a change waiting here is never sent under their
 * account.
 */
export function createTokenGate(): { getToken: TokenSource; open(source: TokenSource): void } {
  let open: (source: TokenSource) => void = () => undefined;
  const opened = new Promise<TokenSource>((resolve) => (open = resolve));
  return { getToken: async () => (await opened)(), open: (source) => open(source) };
}
