import { useQueryClient } from '@tanstack/react-query';
import { useRef, type ReactNode } from 'react';
import type { Member, ShoppingItem } from '../../../shared/types';
import { EmptyState } from '../../components/empty-state';
import { BasketIcon } from '../../components/icons';
import { PanelError } from '../../components/panel-error';
import { Spinner } from '../../components/spinner';
import { useNow } from '../../components/use-now';
import { useConnectionStatus } from '../../lib/api-provider';
import { trpc } from '../../lib/trpc';
import { AddItemForm } from './add-item-form';
import { pendingIdsByItemId } from './confirmed-adds';
import { itemByline } from './item-byline';
import { lastItemChangesOf } from './last-item-changes';
import { groupForShopping, type ItemGroup } from './item-groups';
import { ItemRow } from './item-row';
import { removersOf } from './removers';
import { seenByLine } from './seen-by-line';
import { useItemFocus } from './use-item-focus';
import { useItemMutations } from './use-item-mutations';
import { useKeptEditors } from './use-kept-editors';
import { useSeenBy } from './use-seen-by';
import { useUnsyncedItemIds } from './use-unsynced-items';

/** The open list: adding on top, what is left to buy by category in the household's order, then what is already in the basket. */
export function ShoppingListView({
  listId,
  meId,
  members,
  categories,
}: {
  listId: string;
  meId: string;
  members: Member[];
  /** The household's categories, in the order the list groups by. */
  categories: readonly string[];
}) {
  const items = trpc.shopping.items.getByList.useQuery({ listId });
  const actions = useItemMutations(listId);
  const offline = useConnectionStatus().kind === 'offline';
  const unsynced = useUnsyncedItemIds();
  const queryClient = useQueryClient();
  // Read on every render: the add's confirmation is recorded before the list it changes.
  const pendingIds = pendingIdsByItemId(queryClient);
  const lastChanges = lastItemChangesOf(queryClient);
  const removers = removersOf(queryClient);
  const seenBy = useSeenBy();
  const rowKeyOf = (item: ShoppingItem) => pendingIds.get(item.id) ?? item.id;
  const editors = useKeptEditors(items.data, rowKeyOf);
  // Once a minute is enough for a byline to notice its change is no longer news.
  const now = useNow(60_000);
  const addArea = useRef<HTMLDivElement>(null);
  const focus = useItemFocus(addArea);

  const nameOf = (userId: string) =>
    userId === meId ? 'you' : (members.find((member) => member.id === userId)?.displayName ?? (members.length ? 'a former member' : '…'));

  const removedNote = (item: ShoppingItem) => {
    const remover = removers.get(item.id);
    if (remover === undefined) return `${item.name} was removed`;
    const who = nameOf(remover);
    return `${who.charAt(0).toUpperCase()}${who.slice(1)} removed ${item.name}`;
  };

  // A device's latest report outlives its member's leaving: only current members count.
  const isOtherMember = (userId: string) => userId !== meId && members.some((member) => member.id === userId);
  // Someone else's recent change is news; of our own, which other members' devices have it.
  const bylineOf = (item: ShoppingItem) =>
    itemByline(item, { meId, now, fields: lastChanges.get(item.id), nameOf }) ??
    seenByLine(seenBy.devicesThatHave(item.id, now, isOtherMember), nameOf);

  const row = (item: ShoppingItem) => (
    <ItemRow
      key={rowKeyOf(item)}
      item={item}
      byline={bylineOf(item)}
      categories={categories}
      unsynced={unsynced.has(item.id)}
      waitingLabel={offline ? 'Waiting for a connection to save…' : null}
      checkboxRef={focus.checkboxRef(item.id)}
      removedNote={editors.isGone(item.id) ? removedNote(item) : null}
      onEditorToggled={(open) => (open ? editors.opened(item) : editors.closed(item))}
      onToggle={(checked) => {
        focus.ticked(item.id);
        actions.setChecked(item.id, checked);
      }}
      onEdit={(changes) => actions.edit(item.id, changes)}
      onAddBack={actions.add}
      onRemove={() => {
        focus.removed(item.id);
        actions.remove(item.id);
      }}
    />
  );

  return (
    <section className="list-view">
      <div ref={addArea}>
        <AddItemForm listId={listId} items={items.data ?? []} onAdd={actions.add} />
      </div>
      {items.isPending ? (
        <div className="list-view__status" role="status">
          <Spinner size="small" />
          {items.fetchStatus === 'paused' ? 'Waiting for a connection to load this list…' : 'Loading the list…'}
        </div>
      ) : items.isError ? (
        <PanelError error={items.error} onRetry={() => void items.refetch()} />
      ) : (
        <Items items={editors.shown ?? items.data} categories={categories} row={row} onClearChecked={actions.clearChecked} />
      )}
    </section>
  );
}

function Items({
  items,
  categories,
  row,
  onClearChecked,
}: {
  items: readonly ShoppingItem[];
  categories: readonly string[];
  row: (item: ShoppingItem) => ReactNode;
  onClearChecked: () => void;
}) {
  const { toBuy, inBasket } = groupForShopping(items, categories);
  if (items.length === 0) {
    return (
      <EmptyState icon={<BasketIcon />} title="Nothing on this list yet">
        Add what you need above. Everyone in the household sees it the moment you press Enter.
      </EmptyState>
    );
  }
  return (
    <>
      {toBuy.length > 0 ? (
        <ToBuy groups={toBuy} row={row} />
      ) : (
        <p className="list-view__done">Everything is in the basket. Nice work!</p>
      )}
      {inBasket.length > 0 && (
        <section className="basket" aria-labelledby="basket-title">
          <div className="basket__header">
            <h2 id="basket-title" className="basket__title">
              In the basket <span className="count">{inBasket.length}</span>
            </h2>
            <button type="button" className="button button--small button--ghost" onClick={onClearChecked}>
              Clear checked
            </button>
          </div>
          <ul className="items items--checked" aria-label="In the basket">
            {inBasket.map(row)}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * What is left to buy, a heading per category. A list with nothing
 * categorised yet is one plain list: a lone "Other" heading would say nothing.
 */
function ToBuy({ groups, row }: { groups: ItemGroup[]; row: (item: ShoppingItem) => ReactNode }) {
  const [only] = groups;
  if (groups.length === 1 && only?.category === null) {
    return (
      <ul className="items" aria-label="To buy">
        {only.items.map(row)}
      </ul>
    );
  }
  return (
    <div className="groups" role="group" aria-label="To buy">
      {groups.map((group) => (
        <section key={group.label} className="group">
          <h2 className="group__title">
            {group.label} <span className="count">{group.items.length}</span>
          </h2>
          <ul className="items" aria-label={group.label}>
            {group.items.map(row)}
          </ul>
        </section>
      ))}
    </div>
  );
}
