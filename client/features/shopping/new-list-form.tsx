import { LIMITS } from '../../../shared/limits';
import { NameForm } from '../../components/name-form';
import { trpc } from '../../lib/trpc';

/** Names a new list in place of the tabs; Escape or Cancel goes back. */
export function NewListForm({ householdId, onDone }: { householdId: string; onDone: (listId: string | null) => void }) {
  const utils = trpc.useUtils();
  const create = trpc.shopping.lists.create.useMutation({
    onSuccess: (list) => {
      utils.shopping.lists.getByHousehold.setData({ householdId }, (lists) =>
        lists && !lists.some((l) => l.id === list.id) ? [...lists, list] : lists,
      );
      onDone(list.id);
    },
  });

  return (
    <NameForm
      className="new-list"
      label={
        <label htmlFor="new-list-name" className="visually-hidden">
          New list name
        </label>
      }
      inputId="new-list-name"
      autoFocus
      placeholder="List name, e.g. Party, Hardware"
      maxLength={LIMITS.listName}
      submitLabel="Create"
      primary
      pending={create.isPending}
      error={create.error}
      onSave={(name) => create.mutate({ householdId, name })}
      onCancel={() => onDone(null)}
    />
  );
}
