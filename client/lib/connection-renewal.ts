/** Never renew more often than this, whatever the token says. */
const MIN_DELAY_MS = 1_000;
/** Timers overflow past ~24.8 days; a long-lived local token is simply renewed sooner. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Keeps an open WebSocket signed in without reconnecting: right after it
 * opens, and then at half of each token's remaining lifetime, the current
 * token is sent over the socket (`auth.renewConnection`). Asking for the
 * token is also what renews it (past half its life), so this runs well
 * before the server's renewal deadline. The server moves the connection's
 * expiry; the subscriptions never notice. Should a renewal
 * fail, nothing is lost: the server closes the socket at expiry and the
 * reconnect brings a fresh token in `connectionParams`.
 */
export function createConnectionRenewal(renew: () => Promise<{ expiresAt: string }>) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const run = async (current: number) => {
    try {
      const { expiresAt } = await renew();
      if (current !== generation) return;
      const delay = Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, (Date.parse(expiresAt) - Date.now()) / 2));
      timer = setTimeout(() => void run(current), delay);
    } catch {
      // The socket closed or the session ended: the next open starts over.
    }
  };

  return {
    /** Call when the socket (re)opens. */
    opened() {
      clearTimeout(timer);
      generation += 1;
      void run(generation);
    },
    stop() {
      clearTimeout(timer);
      generation += 1;
    },
  };
}
