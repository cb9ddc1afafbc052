import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../lib/connection-monitor';

/** How long a reconnect may take before the header admits to it. */
const HANDOVER_MS = 800;

/**
 * The status to show. The server moves each connection to a fresh one before
 * its token expires (with Clerk, every minute or so); that handover is over
 * in a blink and should not flash "Connecting…" in the header. Anything that
 * lasts longer, and going offline, shows at once.
 */
export function useSettledStatus(status: ConnectionStatus): ConnectionStatus {
  const [shown, setShown] = useState(status);
  const handover = status.kind === 'connecting' && shown.kind === 'connected';

  useEffect(() => {
    if (!handover) {
      setShown(status);
      return;
    }
    const timer = setTimeout(() => setShown(status), HANDOVER_MS);
    return () => clearTimeout(timer);
  }, [status, handover]);

  return handover ? shown : status;
}
