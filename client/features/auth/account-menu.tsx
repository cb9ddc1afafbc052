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

/** Signing out removes what this device keeps of the person, so changes still waiting are lost: that is asked first. */
function SignOut({ onStay }: { onStay: () => void }) {
  const signOut = useSignOut();
  const waiting = useWaitingChangeCount();
  const [confirming, setConfirming] = useState(false);
  if (!confirming || waiting === 0) {
    return (
      <button type="button" className="button button--block" onClick={() => (waiting > 0 ? setConfirming(true) : void signOut())}>
        Sign out
      </button>
    );
  }
  return (
    <div className="stack stack--tight" role="alert">
      <p>
        {waiting === 1 ? '1 change has' : `${waiting} changes have`} not reached HoneyDo yet. Signing out removes {waiting === 1 ? 'it' : 'them'} from
        this device for good.
      </p>
      <button type="button" className="button button--danger button--block" onClick={() => void signOut()}>
        Sign out anyway
      </button>
      <button type="button" className="button button--ghost button--block" onClick={() => {
          setConfirming(false);
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
