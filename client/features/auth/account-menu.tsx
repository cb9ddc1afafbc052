import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { User } from '../../../shared/types';
import { Avatar } from '../../components/avatar';
import { Popover } from '../../components/popover';
import { useToasts } from '../../components/toasts';
import { describeError } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { useSession } from './session-context';

/** Who you are, your display name, and signing out. */
export function AccountMenu({ user }: { user: User }) {
  const session = useSession();
  return (
    <Popover label={`Account: ${user.displayName}`} button={<Avatar id={user.id} name={user.displayName} />} className="account-menu">
      {(close) => (
        <div className="stack stack--tight">
          <p className="account-menu__who">
            Signed in as <strong>{user.displayName}</strong>
          </p>
          <RenameSelf user={user} onDone={close} />
          <button type="button" className="button button--block" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      )}
    </Popover>
  );
}

function RenameSelf({ user, onDone }: { user: User; onDone: () => void }) {
  const [name, setName] = useState(user.displayName);
  const utils = trpc.useUtils();
  const toasts = useToasts();
  const rename = trpc.me.update.useMutation({
    onSuccess: (updated) => {
      utils.me.get.setData(undefined, (me) => me && { ...me, user: updated });
      toasts.show(`You now appear as ${updated.displayName}.`);
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && name.trim() !== user.displayName) rename.mutate({ displayName: name.trim() });
  };

  return (
    <form className="stack stack--tight" onSubmit={submit}>
      <label htmlFor="rename-self">Your name</label>
      <div className="inline-form">
        <input id="rename-self" value={name} maxLength={LIMITS.displayName} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button" disabled={rename.isPending || !name.trim() || name.trim() === user.displayName}>
          Save
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
