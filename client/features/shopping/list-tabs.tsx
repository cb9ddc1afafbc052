import { useState } from 'react';
import type { ShoppingList } from '../../../shared/types';
import { PlusIcon } from '../../components/icons';
import { ListOptions } from './list-options';
import { NewListForm } from './new-list-form';

/** The household's lists as tabs to switch between, with adding a list and the open list's options. */
export function ListTabs({
  householdId,
  lists,
  currentId,
  onSelect,
}: {
  householdId: string;
  lists: ShoppingList[] | undefined;
  currentId: string | null;
  onSelect: (listId: string) => void;
}) {
  const [creating, setCreating] = useState(false);
  const current = lists?.find((list) => list.id === currentId);

  if (creating) {
    return (
      <NewListForm
        householdId={householdId}
        onDone={(listId) => {
          setCreating(false);
          if (listId) onSelect(listId);
        }}
      />
    );
  }

  return (
    <div className="list-tabs">
      <nav className="list-tabs__nav" aria-label="Lists">
        <div className="list-tabs__scroller">
          {lists === undefined ? (
            <span className="list-tabs__placeholder" aria-hidden="true" />
          ) : (
            lists.map((list) => (
              <button
                key={list.id}
                type="button"
                className="list-tab"
                aria-current={list.id === currentId ? 'true' : undefined}
                onClick={() => onSelect(list.id)}
              >
                {list.name}
              </button>
            ))
          )}
        </div>
        {/* Beside the tabs, not among them: with many lists it would scroll out of sight. */}
        <button type="button" className="list-tab list-tab--new" onClick={() => setCreating(true)}>
          <PlusIcon />
          <span>New list</span>
        </button>
      </nav>
      {/* A removed list drops out of `lists`; the selection then falls back to the first. */}
      {current && lists && <ListOptions list={current} canRemove={lists.length > 1} />}
    </div>
  );
}
