import { describeError } from '../lib/api-errors';

/** In place of a panel whose data could not be loaded: why, and a way to ask again. */
export function PanelError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="panel-error" role="alert">
      <p>{describeError(error)}</p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
