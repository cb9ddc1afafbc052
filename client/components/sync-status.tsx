import { useOutboxMaySend } from '../lib/api-provider';
import { useWaitingChangeCount } from '../lib/outbox';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { useDelayedChange } from './use-delayed-change';

/** Online, a change is usually saved within a blink: only one still waiting after this long is worth a count. */
const SLOW_SAVE_MS = 1000;

const isRiseFromNone = (shown: number, next: number) => shown === 0 && next > 0;
const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

/**
 * Whether the person's changes have reached the server: "All changes saved",
 * how many are waiting (offline, or restored after a reload), or, with none
 * waiting, how many the server refused (listed in the not-saved notice until
 * dismissed). Offline the count shows at once; online a save in its first
 * blink says "Saving…", so each tick does not flash "1 change waiting", and
 * the header never claims saved for a change that is not.
 */
export function SyncStatus() {
  const count = useWaitingChangeCount();
  const unsaved = useUnsavedChanges().length;
  // Also while the live connection is still down: an HTTP catch-up sends at once, and a new change says "Saving…".
  const maySend = useOutboxMaySend();
  // A rise from none is the fleeting change: a save in flight.
  const shown = useDelayedChange(count, isRiseFromNone, maySend ? SLOW_SAVE_MS : 0);
  const text =
    shown > 0 ? `${changes(shown)} waiting` : count > 0 ? 'Saving…' : unsaved > 0 ? `${changes(unsaved)} not saved` : 'All changes saved';
  return (
    <p role="status" className={`sync-status${shown > 0 || unsaved > 0 ? ' sync-status--waiting' : ''}`}>
      {text}
    </p>
  );
}
