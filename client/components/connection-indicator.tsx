import { useConnectionStatus } from '../lib/api-provider';
import type { ConnectionStatus } from '../lib/connection-monitor';
import { useNow } from './use-now';
import { useSettledStatus } from './use-settled-status';

/**
 * Whether changes are flowing right now. Offline, it says when the next
 * attempt is; the seconds tick visually but are not announced each second.
 */
export function ConnectionIndicator() {
  const status = useSettledStatus(useConnectionStatus());
  const counting = status.kind === 'offline' && status.retryAt !== null;
  const now = useNow(counting ? 1000 : null);
  const seconds = status.kind === 'offline' && status.retryAt !== null ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : null;

  return (
    <div role="status" aria-label={labelOf(status, seconds)} className={`connection connection--${status.kind}`}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">{textOf(status)}</span>
      {seconds !== null && (
        <span className="connection__retry" aria-hidden="true">
          {seconds > 0 ? `retry in ${seconds}s` : 'retrying…'}
        </span>
      )}
    </div>
  );
}

function textOf(status: ConnectionStatus): string {
  if (status.kind === 'connected') return status.fallback ? 'Live (fallback)' : 'Live';
  if (status.kind === 'connecting') return 'Connecting…';
  return 'Offline';
}

function labelOf(status: ConnectionStatus, seconds: number | null): string {
  if (status.kind === 'connected' && status.fallback) {
    return 'Connection: connected (fallback). Changes appear live; this network refuses the usual connection, which is tried again now and then.';
  }
  if (status.kind === 'connected') return 'Connection: connected. Changes appear live.';
  if (status.kind === 'connecting') return 'Connection: connecting…';
  const when = status.cause === 'device' ? 'when your device is back online' : seconds !== null && seconds > 0 ? `in ${seconds} seconds` : 'now';
  return `Connection: offline. Retrying ${when}; your changes are kept and sent once connected.`;
}
