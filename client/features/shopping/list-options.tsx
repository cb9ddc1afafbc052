import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { ShoppingList } from '../../../shared/types';
import { MoreIcon } from '../../components/icons';
import { Popover } from '../../components/popover';
import { useToasts } from '../../components/toasts';
import { describeError } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';

/** Rename or remove the open list. Removing asks once more: it takes the items with it. */
export function ListOptions({ list, canRemove }: { list: ShoppingList; canRemove: boolean }) {
  return (
    <Popover label={`Options for list ${list.name}`} button={<MoreIcon />} className="list-options">
      {(close) => <ListOptionsPanel key={list.id} list={list} canRemove={canRemove} close={close} />}
    </Popover>
  );
}

function ListOptionsPanel({ list, canRemove, close }: { list: ShoppingList; canRemove: boolean; close: () => void }) {
  const [name, setName] = useState(list.name);
  const [confirming, setConfirming] = useState(false);
  const utils = trpc.useUtils();
  const toasts = useToasts();
  const householdId = list.householdId;

  const rename = trpc.shopping.lists.rename.useMutation({
    onSuccess: (renamed) => {
      utils.shopping.lists.getByHousehold.setData({ householdId }, (lists) => lists?.map((l) => (l.id === renamed.id ? renamed : l)));
      close();
    },
  });
  const remove = trpc.shopping.lists.remove.useMutation({
    onSuccess: () => {
      utils.shopping.lists.getByHousehold.setData({ householdId }, (lists) => lists?.filter((l) => l.id !== list.id));
      toasts.show(`Removed the list ${list.name}.`);
    },
  });
  const error = rename.error ?? remove.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && name.trim() !== list.name) rename.mutate({ listId: list.id, name: name.trim() });
  };

  return (
    <div className="stack stack--tight">
      <form className="stack stack--tight" onSubmit={submit}>
        <label htmlFor="list-rename">List name</label>
        <div className="inline-form">
          <input id="list-rename" value={name} maxLength={LIMITS.listName} onChange={(event) => setName(event.target.value)} />
          <button type="submit" className="button" disabled={rename.isPending || !name.trim() || name.trim() === list.name}>
            Rename
          </button>
        </div>
      </form>
      {!canRemove && <p className="hint">A household keeps at least one list; make another to remove this one.</p>}
      {canRemove &&
        (confirming ? (
          <div className="stack stack--tight">
            <p>Remove “{list.name}” and everything on it?</p>
            <div className="button-row">
              <button type="button" className="button button--danger" disabled={remove.isPending} onClick={() => remove.mutate({ listId: list.id })}>
                Remove list
              </button>
              <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="button button--danger-ghost button--block" onClick={() => setConfirming(true)}>
            Remove this list…
          </button>
        ))}
      {error && (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      )}
    </div>
  );
}
