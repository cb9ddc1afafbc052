import { FormError } from '../../components/form-error';
import { describeError } from '../../lib/api-errors';
import { navigate } from '../../lib/location';
import { useJoinHousehold } from './use-household-mutations';

/** Where an invite link (`/join/<code>`) lands once you are signed in. */
export function JoinInvite({ code, onJoined }: { code: string; onJoined: (householdId: string) => void }) {
  const join = useJoinHousehold((householdId) => {
    navigate('/', { replace: true });
    onJoined(householdId);
  });

  return (
    <main className="onboarding">
      <div className="card stack onboarding__invite">
        <h1 className="card-title">You’re invited</h1>
        <p>
          Join the household with invite code <strong className="code">{code.toUpperCase()}</strong> to share its shopping lists.
        </p>
        <FormError message={join.error && describeError(join.error)} />
        <button
          type="button"
          className="button button--primary button--block"
          autoFocus
          disabled={join.isPending}
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
