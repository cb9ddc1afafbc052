import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { HouseholdWithPresence } from '../../../shared/types';
import { useToasts } from '../../components/toasts';
import { describeError } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';

/** The owner renames the household; everyone sees the new name through its event. */
export function RenameHouseholdForm({ household }: { household: HouseholdWithPresence }) {
  const [name, setName] = useState(household.name);
  const toasts = useToasts();
  const rename = trpc.household.rename.useMutation({
    onSuccess: () => toasts.show('Household renamed.'),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && name.trim() !== household.name) rename.mutate({ householdId: household.id, name: name.trim() });
  };

  return (
    <form className="dialog__section stack stack--tight" onSubmit={submit}>
      <h3 className="section-title">
        <label htmlFor="household-rename">Name</label>
      </h3>
      <div className="inline-form">
        <input id="household-rename" value={name} maxLength={LIMITS.householdName} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button" disabled={rename.isPending || !name.trim() || name.trim() === household.name}>
          Rename
        </button>
      </div>
      {rename.error && (
        <p className="form-error" role="alert">
          {describeError(rename.error)}
        </p>
      )}
    </form>
  );
}
