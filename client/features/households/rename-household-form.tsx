import { LIMITS } from '../../../shared/limits';
import type { HouseholdWithPresence } from '../../../shared/types';
import { NameForm } from '../../components/name-form';
import { useToasts } from '../../components/toasts';
import { trpc } from '../../lib/trpc';

/** The owner renames the household; everyone sees the new name through its event. */
export function RenameHouseholdForm({ household }: { household: HouseholdWithPresence }) {
  const toasts = useToasts();
  const rename = trpc.household.rename.useMutation({
    onSuccess: () => toasts.show('Household renamed.'),
  });

  return (
    <NameForm
      className="dialog__section stack stack--tight"
      label={
        <h3 className="section-title">
          <label htmlFor="household-rename">Name</label>
        </h3>
      }
      inputId="household-rename"
      current={household.name}
      maxLength={LIMITS.householdName}
      submitLabel="Rename"
      pending={rename.isPending}
      error={rename.error}
      onSave={(name) => rename.mutate({ householdId: household.id, name })}
    />
  );
}
