import type { HouseholdWithPresence } from '../../../shared/types';
import { useToasts } from '../../components/toasts';
import { describeError } from '../../lib/api-errors';
import { inviteLink } from '../../lib/location';
import { trpc } from '../../lib/trpc';

/** The code and the link that let someone join; the owner can replace them. */
export function InviteSection({ household, isOwner }: { household: HouseholdWithPresence; isOwner: boolean }) {
  const toasts = useToasts();
  const utils = trpc.useUtils();
  const link = inviteLink(household.inviteCode);
  const rotate = trpc.household.rotateInvite.useMutation({
    onSuccess: (updated) => {
      utils.household.get.setData({ householdId: household.id }, (old) => old && { ...old, inviteCode: updated.inviteCode });
      toasts.show('New invite code ready. The old code and link no longer work.');
    },
    onError: (error) => toasts.show(describeError(error), 'error'),
  });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      toasts.show('Invite link copied. Send it to someone in your household.');
    } catch {
      toasts.show('Copying is not allowed here: select the link and copy it yourself.', 'error');
    }
  };

  const share = async () => {
    try {
      await navigator.share({ title: `Join ${household.name} on HoneyDo`, url: link });
    } catch {
      // Cancelled by the person, nothing to say.
    }
  };

  return (
    <section className="dialog__section stack">
      <h3 className="section-title">Invite someone</h3>
      <p className="muted">Anyone with this code or link can join and edit the lists.</p>
      <p className="invite-code" aria-label={`Invite code ${household.inviteCode.split('').join(' ')}`}>
        {household.inviteCode}
      </p>
      <label htmlFor="invite-link">Invite link</label>
      <input id="invite-link" readOnly value={link} onFocus={(event) => event.target.select()} />
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          Copy link
        </button>
        {'share' in navigator && (
          <button type="button" className="button" onClick={() => void share()}>
            Share…
          </button>
        )}
        {isOwner && (
          <button type="button" className="button button--ghost" disabled={rotate.isPending} onClick={() => rotate.mutate({ householdId: household.id })}>
            New code
          </button>
        )}
      </div>
    </section>
  );
}
