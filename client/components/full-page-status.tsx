import { Spinner } from './spinner';

/** The whole screen while something the app cannot start without is loading, or failed. */
export function FullPageStatus({ message, error, onRetry }: { message?: string; error?: string; onRetry?: () => void }) {
  return (
    <main className="full-page-status">
      {error ? (
        <div className="full-page-status__card" role="alert">
          <h1 className="full-page-status__title">Something went wrong</h1>
          <p>{error}</p>
          {onRetry && (
            <button type="button" className="button button--primary" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      ) : (
        <div className="full-page-status__card" role="status">
          <Spinner />
          <p>{message ?? 'Loading…'}</p>
        </div>
      )}
    </main>
  );
}
