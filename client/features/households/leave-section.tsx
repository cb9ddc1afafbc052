import { useState } from 'react';
import type { HouseholdWithPresence } from '../../../shared/types';
import { FormError } from '../../components/form-error';
import { describeError } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { useAnnounceMembershipChange } from './membership-broadcast';

/** Leaving asks once more; the last member out deletes the household, and is told so first. */
export function LeaveSection({ household, onLeft }: { household: HouseholdWithPresence; onLeft: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const announce = useAnnounceMembershipChange();
  const leave = trpc.household.leave.useMutation({
    onSuccess: () => {
      announce();
      onLeft();
    },
  });
  const last = household.members.length === 1;

  return (
    <section className="dialog__section stack stack--tight">
      <h3 className="section-title">Leave</h3>
      {!confirming ? (
        <button type="button" className="button button--danger-ghost" onClick={() => setConfirming(true)}>
          Leave {household.name}
        </button>
      ) : (
        <>
          <p>{last ? 'You are the last member: leaving deletes the household and its lists.' : 'You will need a new invite to come back.'}</p>
          <div className="button-row">
            <button type="button" className="button button--danger" disabled={leave.isPending} onClick={() => leave.mutate({ householdId: household.id })}>
              {last ? 'Delete and leave' : 'Leave household'}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </>
      )}
      <FormError message={leave.error && describeError(leave.error)} />
    </section>
  );
}
