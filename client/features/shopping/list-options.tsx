import { useState } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { ShoppingList } from '../../../shared/types';
import { FormError } from '../../components/form-error';
import { MoreIcon } from '../../components/icons';
import { NameForm } from '../../components/name-form';
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

  return (
    <div className="stack stack--tight">
      {/* No error under the field: one message below covers renaming and removing. */}
      <NameForm
        className="stack stack--tight"
        label={<label htmlFor="list-rename">List name</label>}
        inputId="list-rename"
        current={list.name}
        maxLength={LIMITS.listName}
        submitLabel="Rename"
        pending={rename.isPending}
        onSave={(name) => rename.mutate({ listId: list.id, name })}
      />
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
      <FormError message={error && describeError(error)} />
    </div>
  );
}
