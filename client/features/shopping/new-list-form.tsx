import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import { describeError } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';

/** Names a new list in place of the tabs; Escape or Cancel goes back. */
export function NewListForm({ householdId, onDone }: { householdId: string; onDone: (listId: string | null) => void }) {
  const [name, setName] = useState('');
  const utils = trpc.useUtils();
  const create = trpc.shopping.lists.create.useMutation({
    onSuccess: (list) => {
      utils.shopping.lists.getByHousehold.setData({ householdId }, (lists) =>
        lists && !lists.some((l) => l.id === list.id) ? [...lists, list] : lists,
      );
      onDone(list.id);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate({ householdId, name: name.trim() });
  };

  return (
    <form className="new-list" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onDone(null)}>
      <label htmlFor="new-list-name" className="visually-hidden">
        New list name
      </label>
      <div className="inline-form">
        <input
          id="new-list-name"
          autoFocus
          placeholder="List name, e.g. Party, Hardware"
          maxLength={LIMITS.listName}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending || !name.trim()}>
          Create
        </button>
        <button type="button" className="button button--ghost" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      {create.error && (
        <p className="form-error" role="alert">
          {describeError(create.error)}
        </p>
      )}
    </form>
  );
}
