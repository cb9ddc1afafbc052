import { useState } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { User } from '../../../shared/types';
import { Avatar } from '../../components/avatar';
import { NameForm } from '../../components/name-form';
import { Popover } from '../../components/popover';
import { useToasts } from '../../components/toasts';
import { useSignOut } from '../../lib/api-provider';
import { useWaitingChangeCount } from '../../lib/outbox';
import { trpc } from '../../lib/trpc';

/** Who you are, your display name, and signing out. */
export function AccountMenu({ user }: { user: User }) {
  return (
    <Popover label={`Account: ${user.displayName}`} button={<Avatar id={user.id} name={user.displayName} />} className="account-menu">
      {(close) => (
        <div className="stack stack--tight">
          <p className="account-menu__who">
            Signed in as <strong>{user.displayName}</strong>
          </p>
          <RenameSelf user={user} onDone={close} />
          <SignOut onStay={close} />
        </div>
      )}
    </Popover>
  );
}

/**
 * Signing out removes what this device keeps of the person, in every tab, so
 * changes still waiting (here or in their other tabs) are lost: that is asked first.
 */
function SignOut({ onStay }: { onStay: () => void }) {
  const { signOut, waitingInOtherTabs } = useSignOut();
  const waitingHere = useWaitingChangeCount();
  const [elsewhere, setElsewhere] = useState<number | null>(null);
  const waiting = waitingHere + (elsewhere ?? 0);
  const ask = async () => {
    const inOtherTabs = await waitingInOtherTabs();
    if (waitingHere + inOtherTabs === 0) await signOut();
    else setElsewhere(inOtherTabs);
  };
  if (elsewhere === null || waiting === 0) {
    return (
      <button type="button" className="button button--block" onClick={() => void ask()}>
        Sign out
      </button>
    );
  }
  return (
    <div className="stack stack--tight" role="alert">
      <p>
        {waiting === 1 ? '1 change has' : `${waiting} changes have`} not reached HoneyDo yet
        {elsewhere > 0 ? ` (${elsewhere === waiting ? (waiting === 1 ? 'it is' : 'all are') : `${elsewhere} of them are`} in your other tabs)` : ''}. Signing out
        removes {waiting === 1 ? 'it' : 'them'} from this device for good.
      </p>
      <button type="button" className="button button--danger button--block" onClick={() => void signOut()}>
        Sign out anyway
      </button>
      <button type="button" className="button button--ghost button--block" onClick={() => {
          setElsewhere(null);
          onStay();
        }}
      >
        Stay signed in
      </button>
    </div>
  );
}

function RenameSelf({ user, onDone }: { user: User; onDone: () => void }) {
  const utils = trpc.useUtils();
  const toasts = useToasts();
  const rename = trpc.me.update.useMutation({
    onSuccess: (updated) => {
      utils.me.get.setData(undefined, (me) => me && { ...me, user: updated });
      toasts.show(`You now appear as ${updated.displayName}.`);
      onDone();
    },
  });

  return (
    <NameForm
      className="stack stack--tight"
      label={<label htmlFor="rename-self">Your name</label>}
      inputId="rename-self"
      current={user.displayName}
      maxLength={LIMITS.displayName}
      submitLabel="Save"
      pending={rename.isPending}
      error={rename.error}
      onSave={(displayName) => rename.mutate({ displayName })}
    />
  );
}
