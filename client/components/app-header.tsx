import type { ReactNode } from 'react';
import { ConnectionIndicator } from './connection-indicator';
import { OfflineBanner } from './offline-banner';

/** The bar at the top of every signed-in screen: where you are on the left, connection and account on the right. */
export function AppHeader({ title, account }: { title: ReactNode; account: ReactNode }) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <div className="app-header__title">{title}</div>
        <div className="app-header__tools">
          <ConnectionIndicator />
          {account}
        </div>
      </div>
      <OfflineBanner />
    </header>
  );
}
