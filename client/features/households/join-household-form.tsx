import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import { FormError } from '../../components/form-error';
import { describeError } from '../../lib/api-errors';
import { inviteCodeFromPath } from '../../lib/location';
import { useJoinHousehold } from './use-household-mutations';

/** Accepts the bare code or a whole invite link pasted from a message. */
function codeFrom(text: string): string {
  const trimmed = text.trim();
  try {
    return inviteCodeFromPath(new URL(trimmed).pathname) ?? trimmed;
  } catch {
    return trimmed;
  }
}

export function JoinHouseholdForm({ onJoined }: { onJoined: (householdId: string) => void }) {
  const [code, setCode] = useState('');
  const join = useJoinHousehold(onJoined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) join.mutate({ inviteCode: codeFrom(code) });
  };

  return (
    <form className="card stack" onSubmit={submit}>
      <h2 className="card-title">Join a household</h2>
      <p className="muted">Someone already set one up? Ask them for the invite code or link.</p>
      <div className="field">
        <label htmlFor="invite-code">Invite code or link</label>
        <input
          id="invite-code"
          placeholder="e.g. K7QM2XPA"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          maxLength={LIMITS.inviteCode + 200}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </div>
      <FormError message={join.error && describeError(join.error)} />
      <button type="submit" className="button button--block" disabled={join.isPending || !code.trim()}>
        {join.isPending ? 'Joining…' : 'Join household'}
      </button>
    </form>
  );
}
