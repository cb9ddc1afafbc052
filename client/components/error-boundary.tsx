import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * The last line: a bug while rendering shows a way out instead of a blank
 * page. Nothing is lost by reloading; the list lives on the server.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('HoneyDo hit a bug while rendering', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="full-page-status">
        <div className="full-page-status__card" role="alert">
          <h1 className="full-page-status__title">Something went wrong</h1>
          <p>HoneyDo ran into a problem showing this page. Your list is safe on the server.</p>
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </main>
    );
  }
}
