import { useQueryClient } from '@tanstack/react-query';
import { dismissUnsaved, tryAgain, useUnsavedChanges } from '../lib/unsaved-changes';

/**
 * The changes the server refused, each with the reason, until the person has
 * read them: unlike a toast it does not go away by itself (and survives a
 * reload), since a refused change is work the person may want to redo.
 */
export function UnsavedChangesNotice() {
  const queryClient = useQueryClient();
  const changes = useUnsavedChanges();
  return (
    <div role="alert" className="unsaved-region">
      {changes.length > 0 && (
        <section className="unsaved" aria-labelledby="unsaved-title">
          <h2 id="unsaved-title" className="unsaved__title">
            {changes.length === 1 ? '1 change was not saved' : `${changes.length} changes were not saved`}
          </h2>
          <ul className="unsaved__list">
            {changes.map((change) => (
              <li key={change.id} className="unsaved__item">
                <p className="unsaved__text">
                  <strong>{change.what}</strong>: {change.reason}
                </p>
                <div className="unsaved__actions">
                  {change.retry && (
                    <button type="button" className="button button--small" onClick={() => tryAgain(queryClient, change)}>
                      Try again
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    aria-label={`Dismiss: ${change.what}`}
                    onClick={() => dismissUnsaved(queryClient, change.id)}
                  >
                    Dismiss
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
