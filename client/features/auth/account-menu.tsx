import { LIMITS } from '../../../shared/limits';
import type { User } from '../../../shared/types';
import { Avatar } from '../../components/avatar';
import { NameForm } from '../../components/name-form';
import { Popover } from '../../components/popover';
import { useToasts } from '../../components/toasts';
import { useSignOut } from '../../lib/api-provider';
import { trpc } from '../../lib/trpc';

/** Who you are, your display name, and signing out. */
export function AccountMenu({ user }: { user: User }) {
  const signOut = useSignOut();
  return (
    <Popover label={`Account: ${user.displayName}`} button={<Avatar id={user.id} name={user.displayName} />} className="account-menu">
      {(close) => (
        <div className="stack stack--tight">
          <p className="account-menu__who">
            Signed in as <strong>{user.displayName}</strong>
          </p>
          <RenameSelf user={user} onDone={close} />
          <button type="button" className="button button--block" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      )}
    </Popover>
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
