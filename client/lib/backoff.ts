const FIRST_RETRY_MS = 1000;
/**
 * Low, so that changes waiting for a server that is back go out within
 * seconds; a refused connection costs the server next to nothing, and the
 * jitter keeps a household's phones from knocking at once.
 */
const MAX_RETRY_MS = 5000;

/**
 * How long to wait before reconnect attempt `attempt` (0 is the first one
 * after a drop). The first attempt is immediate because a server restart
 * (close code 1012) is usually over by then; later ones back off
 * exponentially, with jitter so a household's phones do not all knock at once
 * when the server comes back.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return 0;
  const base = Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}
