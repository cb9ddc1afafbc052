import { FormError } from '../../components/form-error';
import { describeError, errorCode } from '../../lib/api-errors';
import { navigate } from '../../lib/location';
import { trpc } from '../../lib/trpc';
import { useJoinHousehold } from './use-household-mutations';

/** Where an invite link (`/join/<code>`) lands once you are signed in: whose household it is, and a way in. */
export function JoinInvite({ code, onJoined }: { code: string; onJoined: (householdId: string) => void }) {
  const preview = trpc.household.previewInvite.useQuery({ inviteCode: code }, { staleTime: Infinity });
  const join = useJoinHousehold((householdId) => {
    navigate('/', { replace: true });
    onJoined(householdId);
  });
  // A code that opens nothing cannot be joined either; any other failure leaves joining to say its own.
  const unknownCode = errorCode(preview.error) === 'NOT_FOUND';

  return (
    <main className="onboarding">
      <div className="card stack onboarding__invite">
        <h1 className="card-title">{preview.data ? `${preview.data.invitedBy} invited you to ${preview.data.householdName}` : 'You’re invited'}</h1>
        <p>
          {preview.data ? 'Join to share its shopping lists' : 'Join the household to share its shopping lists'} (invite code{' '}
          <strong className="code">{code.toUpperCase()}</strong>).
        </p>
        <FormError message={(preview.error && describeError(preview.error)) ?? (join.error && describeError(join.error))} />
        <button
          type="button"
          className="button button--primary button--block"
          autoFocus
          disabled={join.isPending || unknownCode}
          onClick={() => join.mutate({ inviteCode: code })}
        >
          {join.isPending ? 'Joining…' : 'Join household'}
        </button>
        <button type="button" className="button button--ghost button--block" onClick={() => navigate('/', { replace: true })}>
          Not now
        </button>
      </div>
    </main>
  );
}
