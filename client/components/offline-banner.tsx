import { useConnectionStatus } from '../lib/api-provider';

/**
 * Says, in words, what offline means for the person's changes. The header's
 * status announces the change itself; this banner is there to be read.
 */
export function OfflineBanner() {
  if (useConnectionStatus().kind !== 'offline') return null;
  return (
    <div className="offline-banner">
      <strong>You’re offline.</strong> Your list stays on screen, and changes to its items are kept on this device, even if you close the page; they are sent as soon as HoneyDo reconnects.
    </div>
  );
}
