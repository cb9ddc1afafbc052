import { useEffect, useState } from 'react';
import { useConnectionStatus } from '../lib/api-provider';
import { useWaitingChangeCount } from '../lib/outbox';

/** Online, a change is usually saved within a blink: only one still waiting after this long is worth a word. */
const SLOW_SAVE_MS = 1000;

/**
 * Whether the person's changes have reached the server: "All changes saved",
 * or how many are waiting (offline, or restored after a reload). Offline the
 * count shows at once; online only once a save takes longer than a blink, so
 * each tick does not flash "1 change waiting" and get announced twice.
 */
export function SyncStatus() {
  const count = useWaitingChangeCount();
  const offline = useConnectionStatus().kind === 'offline';
  const shown = useSlowToShow(count, offline ? 0 : SLOW_SAVE_MS);
  return (
    <p role="status" className={`sync-status${shown > 0 ? ' sync-status--waiting' : ''}`}>
      {shown > 0 ? `${shown} ${shown === 1 ? 'change' : 'changes'} waiting` : 'All changes saved'}
    </p>
  );
}

/** `count` as it should show: a rise from zero waits `delayMs`, anything else shows at once. */
function useSlowToShow(count: number, delayMs: number): number {
  const [shown, setShown] = useState(count);
  const rising = shown === 0 && count > 0 && delayMs > 0;
  useEffect(() => {
    if (!rising) {
      setShown(count);
      return;
    }
    const timer = setTimeout(() => setShown(count), delayMs);
    return () => clearTimeout(timer);
  }, [count, rising, delayMs]);
  return rising ? 0 : count;
}
