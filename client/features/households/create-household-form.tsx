import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import { FormError } from '../../components/form-error';
import { describeError } from '../../lib/api-errors';
import { useCreateHousehold } from './use-household-mutations';

export function CreateHouseholdForm({ onCreated }: { onCreated: (householdId: string) => void }) {
  const [name, setName] = useState('');
  const create = useCreateHousehold(onCreated);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim() });
  };

  return (
    <form className="card stack" onSubmit={submit}>
      <h2 className="card-title">Start a household</h2>
      <p className="muted">You get a list to share and an invite link for the others.</p>
      <div className="field">
        <label htmlFor="household-name">Household name</label>
        {/* The first thing to do after signing in, and the only thing on this screen to type. */}
        <input
          id="household-name"
          autoFocus
          placeholder="e.g. Home, Flat 3B"
          maxLength={LIMITS.householdName}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <FormError message={create.error && describeError(create.error)} />
      <button type="submit" className="button button--primary button--block" disabled={create.isPending || !name.trim()}>
        {create.isPending ? 'Creating…' : 'Create household'}
      </button>
    </form>
  );
}
