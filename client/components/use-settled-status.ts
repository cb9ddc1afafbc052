import type { ConnectionStatus } from '../lib/connection-monitor';
import { useDelayedChange } from './use-delayed-change';

/** How long a reconnect may take before the header admits to it. */
const HANDOVER_MS = 800;

const isHandover = (shown: ConnectionStatus, next: ConnectionStatus) => next.kind === 'connecting' && shown.kind === 'connected';

/**
 * The status to show. The server moves each connection to a fresh one before
 * its token expires (with Clerk, every minute or so); that handover is over
 * in a blink and should not flash "Connecting…" in the header. Anything that
 * lasts longer, and going offline, shows at once.
 */
export function useSettledStatus(status: ConnectionStatus): ConnectionStatus {
  return useDelayedChange(status, isHandover, HANDOVER_MS);
}
