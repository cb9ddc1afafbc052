import type { User } from '../../../shared/types';
import { CreateHouseholdForm } from './create-household-form';
import { JoinHouseholdForm } from './join-household-form';

/** First run (or "add a household"): start one, or join one with a code. */
export function Onboarding({ user, onDone, onCancel }: { user: User; onDone: (householdId: string) => void; onCancel?: () => void }) {
  return (
    <main className="onboarding">
      <div className="onboarding__intro">
        <h1 className="onboarding__title">{onCancel ? 'Add a household' : `Welcome, ${user.displayName}!`}</h1>
        <p className="muted">
          {onCancel
            ? 'Start another household, or join one you were invited to.'
            : 'HoneyDo keeps one shopping list for your whole household, live on everyone’s phone. Start a household or join the one you were invited to.'}
        </p>
      </div>
      <div className="onboarding__choices">
        <CreateHouseholdForm onCreated={onDone} />
        <p className="onboarding__or" aria-hidden="true">
          or
        </p>
        <JoinHouseholdForm onJoined={onDone} />
      </div>
      {onCancel && (
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Back to my lists
        </button>
      )}
    </main>
  );
}
