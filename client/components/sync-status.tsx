import { useConnectionStatus } from '../lib/api-provider';
import { useWaitingChangeCount } from '../lib/outbox';
import { useDelayedChange } from './use-delayed-change';

/** Online, a change is usually saved within a blink: only one still waiting after this long is worth a word. */
const SLOW_SAVE_MS = 1000;

const isRiseFromNone = (shown: number, next: number) => shown === 0 && next > 0;

/**
 * Whether the person's changes have reached the server: "All changes saved",
 * or how many are waiting (offline, or restored after a reload). Offline the
 * count shows at once; online only once a save takes longer than a blink, so
 * each tick does not flash "1 change waiting" and get announced twice.
 */
export function SyncStatus() {
  const count = useWaitingChangeCount();
  const offline = useConnectionStatus().kind === 'offline';
  // A rise from none is the fleeting change: a save in flight.
  const shown = useDelayedChange(count, isRiseFromNone, offline ? 0 : SLOW_SAVE_MS);
  return (
    <p role="status" className={`sync-status${shown > 0 ? ' sync-status--waiting' : ''}`}>
      {shown > 0 ? `${shown} ${shown === 1 ? 'change' : 'changes'} waiting` : 'All changes saved'}
    </p>
  );
}
