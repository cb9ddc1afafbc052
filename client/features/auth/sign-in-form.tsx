import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import { FormError } from '../../components/form-error';
import { errorCode, describeError } from '../../lib/api-errors';
import { forgetDeviceIdentity, loadDeviceIdentity } from './device-identity';
import { resumeLocal, signInLocal } from './local-session';
import type { StoredSession } from './local-session-store';

/**
 * Local sign-in: a display name is all this server asks for. A server exposed
 * on a network also asks for the household password; we show that field once
 * the server says it wants one. Whoever signed in on this device before is
 * offered first ("Continue as Sam"): the same person, household and items,
 * where typing the name again would make a new person of the same name.
 */
export function SignInForm({ onSignedIn }: { onSignedIn: (session: StoredSession) => void }) {
  const [returning, setReturning] = useState(loadDeviceIdentity);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [needsPassword, setNeedsPassword] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function attempt(signIn: (password?: string) => Promise<StoredSession>) {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(needsPassword ? password : undefined));
    } catch (caught) {
      if (errorCode(caught) === 'UNAUTHORIZED') setNeedsPassword(true);
      setError(errorCode(caught) === 'UNAUTHORIZED' && !needsPassword ? 'This server asks for the household password.' : describeError(caught));
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const displayName = name.trim();
    if (!displayName) {
      setError('Tell your household who you are: type a name.');
      return;
    }
    void attempt((given) => signInLocal(displayName, given));
  }

  function continueAsReturning() {
    if (!returning) return;
    void attempt(async (given) => {
      try {
        return await resumeLocal(returning, given);
      } catch (caught) {
        // The server no longer knows this device as them: offering it again would only fail again.
        if (errorCode(caught) === 'FORBIDDEN') {
          forgetDeviceIdentity();
          setReturning(null);
        }
        throw caught;
      }
    });
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <h2 className="card-title">Sign in</h2>
      {returning && (
        <>
          <button type="button" className="button button--primary button--block" disabled={busy} onClick={continueAsReturning}>
            Continue as {returning.displayName}
          </button>
          <p className="sign-in__or">or sign in as someone new</p>
        </>
      )}
      <div className="field">
        <label htmlFor="display-name">Your name</label>
        <input
          id="display-name"
          name="displayName"
          autoComplete="nickname"
          autoFocus
          maxLength={LIMITS.displayName}
          placeholder="e.g. Sam"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-describedby="display-name-hint"
        />
        <p id="display-name-hint" className="hint">
          Shown to your household next to what you add.
        </p>
      </div>
      {needsPassword && (
        <div className="field">
          <label htmlFor="household-password">Household password</label>
          <input
            id="household-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
      )}
      <FormError message={error} />
      <button type="submit" className={`button ${returning ? '' : 'button--primary '}button--block`} disabled={busy}>
        {busy ? 'Signing in…' : 'Continue'}
      </button>
    </form>
  );
}
