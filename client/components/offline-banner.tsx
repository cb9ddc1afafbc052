import { useConnectionStatus, useOutboxMaySend, useRetryNow } from '../lib/api-provider';

const KEPT = 'Your list stays on screen, and changes to its items are kept on this device, even if you close the page;';

/**
 * Says, in words, what offline means for the person's changes, and whose
 * connection it is: the device's own (nothing to do but wait), or HoneyDo not
 * answering while the network is there (worth a retry once it may be back).
 * The header's status announces the change itself; this banner is there to
 * be read.
 */
export function OfflineBanner() {
  const status = useConnectionStatus();
  const retryNow = useRetryNow();
  // HoneyDo answering over HTTP while the live connection is still down is not "can't reach": the changes are going out.
  const maySend = useOutboxMaySend();
  if (status.kind !== 'offline' || maySend) return null;
  if (status.cause === 'device') {
    return (
      <div className="offline-banner">
        <strong>You’re offline.</strong> {KEPT} they are sent as soon as you’re back online.
      </div>
    );
  }
  return (
    <div className="offline-banner">
      <strong>Can’t reach HoneyDo.</strong> {KEPT} they are sent as soon as HoneyDo answers again.{' '}
      <button type="button" className="button button--small" onClick={retryNow}>
        Retry now
      </button>
    </div>
  );
}
