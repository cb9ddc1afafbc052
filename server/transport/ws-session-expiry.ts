import type { WebSocket } from 'ws';

/** Close code asking the client to reconnect with a fresh token before its session expires. */
export const CLOSE_RENEW_SESSION = 4001;
/** Close code for a connection whose session expired without being renewed, or that never signed in. */
export const CLOSE_SESSION_EXPIRED = 4401;

/**
 * The context is built once per connection but a token expires within
 * minutes. A client keeps its connection by sending a fresh token over it
 * (`auth.renewConnection`), which moves these deadlines. One that does not is,
 * `renewLeadMs` before expiry, closed with CLOSE_RENEW_SESSION: a plain tRPC
 * client reconnects at once, its async `connectionParams` send a fresh token
 * and tRPC resubscribes, resuming by `lastEventId`.
 *
 * Why a close and not tRPC's `reconnect` notice: on @trpc/client 11.19.0 the
 * notice never settles. The client closes the old socket without waiting, and
 * that socket's late `close` event starts another reconnect, whose old socket
 * does the same: a new connection every retry delay (0 ms by default) for as
 * long as a subscription is open. A close from our side reconnects once.
 *
 * A connection that opens with less than the lead left came back with the
 * token it was asked to replace (a token cache hands it out until shortly
 * before expiry). Closing it at once would loop until the token expires, so
 * it keeps the grace and is closed with CLOSE_SESSION_EXPIRED; the same token
 * then no longer verifies.
 *
 * Returns how to move the deadlines to a renewed session's expiry.
 */
export function watchSessionExpiry(
  socket: WebSocket,
  expiresAt: number,
  timing: { renewLeadMs: number; authGraceMs: number },
): (renewedExpiresAt: number) => void {
  const { renewLeadMs, authGraceMs } = timing;
  let cancel = () => {};
  const arm = (until: number) => {
    cancel();
    const untilExpiry = until - Date.now();
    cancel =
      untilExpiry > renewLeadMs
        ? setLongTimeout(() => socket.close(CLOSE_RENEW_SESSION, 'Session renewal: reconnect with a fresh token'), untilExpiry - renewLeadMs)
        : setLongTimeout(() => socket.close(CLOSE_SESSION_EXPIRED, 'Session expired'), untilExpiry + authGraceMs);
  };
  arm(expiresAt);
  socket.once('close', () => cancel());
  return arm;
}

/** Node's timers overflow past ~24.8 days (local tokens may live longer): wait in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
function setLongTimeout(fn: () => void, delayMs: number): () => void {
  let timer: NodeJS.Timeout;
  const arm = (remaining: number) => {
    timer = setTimeout(() => (remaining > MAX_TIMER_MS ? arm(remaining - MAX_TIMER_MS) : fn()), Math.max(0, Math.min(remaining, MAX_TIMER_MS)));
  };
  arm(delayMs);
  return () => clearTimeout(timer);
}
