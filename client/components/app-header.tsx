import type { ReactNode } from 'react';
import { ConnectionIndicator } from './connection-indicator';
import { OfflineBanner } from './offline-banner';
import { SyncStatus } from './sync-status';
import { UnsavedChangesNotice } from './unsaved-changes-notice';

/**
 * The bar at the top of every signed-in screen: where you are on the left,
 * with whether your changes are saved under it; connection and account on the
 * right. Below it, what offline means and any change the server refused.
 */
export function AppHeader({ title, account }: { title: ReactNode; account: ReactNode }) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <div className="app-header__title">
          {title}
          <SyncStatus />
        </div>
        <div className="app-header__tools">
          <ConnectionIndicator />
          {account}
        </div>
      </div>
      <OfflineBanner />
      <UnsavedChangesNotice />
    </header>
  );
}
