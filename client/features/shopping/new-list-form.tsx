import { LIMITS } from '../../../shared/limits';
import { NameForm } from '../../components/name-form';
import { useConnectionStatus } from '../../lib/api-provider';
import { trpc } from '../../lib/trpc';

/**
 * Names a new list in place of the tabs; Escape or Cancel goes back. A list
 * is not queued like an item: offline the form says it must wait. The new
 * list opens only while this form is still waiting for it; one that arrives
 * after the person moved on is just added to the tabs.
 */
export function NewListForm({ householdId, onDone }: { householdId: string; onDone: (listId: string | null) => void }) {
  const utils = trpc.useUtils();
  const offline = useConnectionStatus().kind === 'offline';
  const create = trpc.shopping.lists.create.useMutation({
    onSuccess: (list) => {
      utils.shopping.lists.getByHousehold.setData({ householdId }, (lists) =>
        lists && !lists.some((l) => l.id === list.id) ? [...lists, list] : lists,
      );
    },
  });
  // On its way when the connection went (or paused by it): it is sent once the connection is back.
  const stuck = create.isPending && (offline || create.isPaused);

  return (
    <>
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
        pending={create.isPending || offline}
        error={create.error}
        // Per call, so it runs only if this form is still open when the list is made.
        onSave={(name) => create.mutate({ householdId, name }, { onSuccess: (list) => onDone(list.id) })}
        onCancel={() => onDone(null)}
      />
      {(stuck || offline) && (
        <p role="status" className="new-list__waiting">
          {stuck
            ? 'Waiting for a connection to create this list. It opens here once it is made.'
            : 'A new list can be created once HoneyDo is reachable again.'}
        </p>
      )}
    </>
  );
}
