import { useEffect, useId, useRef, useState, type Ref } from 'react';
import type { ShoppingItem } from '../../../shared/types';
import { PencilIcon, TrashIcon } from '../../components/icons';
import { isPendingItem } from './list-rows';
import { ItemEditForm } from './item-edit-form';
import { formatQuantity } from './quantity';
import type { ItemDraft, ItemEdit } from './item-changes';

/**
 * One item: the whole row ticks it off (one tap, a big target), with edit and
 * remove beside it. An item the server has not confirmed yet says so; it can
 * be changed all the same: the change waits in the outbox for the add's answer
 * and is sent with the item's real id.
 */
export function ItemRow({
  item,
  byline,
  categories,
  unsynced,
  waitingLabel,
  checkboxRef,
  removedNote,
  onEditorToggled,
  onToggle,
  onEdit,
  onAddBack,
  onRemove,
}: {
  item: ShoppingItem;
  /** Who changed it lately, when that is news ("unticked by Sam"), or which other members' devices have our own recent change ("Sam's phone has it"); null says nothing. */
  byline: string | null;
  /** The household's categories, for the edit form. */
  categories: readonly string[];
  /** A change of ours to this item is on its way to the server. */
  unsynced: boolean;
  /**
   * While offline, what an unconfirmed item or change says instead of who
   * added it. Online it is null: a save takes a blink, and a label flashing
   * "Saving…" on every tick would be noise.
   */
  waitingLabel: string | null;
  /** The tick box, for the list to give the focus back to this row. */
  checkboxRef: Ref<HTMLInputElement>;
  /** The item was removed while its editor was open: what happened ("Sam removed milk"); null while it is on the list. */
  removedNote: string | null;
  /** The editor opened or closed: the list keeps a removed item on screen while its editor is open. */
  onEditorToggled: (open: boolean) => void;
  onToggle: (checked: boolean) => void;
  onEdit: (changes: ItemEdit) => void;
  /** Adds a removed item back as it was edited. */
  onAddBack: (item: ItemDraft) => void;
  onRemove: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  // Closing the editor removes the focused field; give focus back to the
  // button that opened it, so a keyboard user carries on from the same row.
  useEffect(() => {
    if (editing || !returnFocus) return;
    editButton.current?.focus();
    setReturnFocus(false);
  }, [editing, returnFocus]);
  const openEditor = () => {
    setEditing(true);
    onEditorToggled(true);
  };
  const closeEditor = () => {
    setEditing(false);
    setReturnFocus(true);
    onEditorToggled(false);
  };
  const pending = isPendingItem(item);
  const waiting = (pending || unsynced) && waitingLabel !== null;
  const quantity = formatQuantity(item.quantity, item.unit);

  if (editing) {
    return (
      <li className="item item--editing">
        <ItemEditForm
          item={item}
          categories={categories}
          removed={
            removedNote === null
              ? undefined
              : {
                  note: removedNote,
                  onAddBack: (edited) => {
                    closeEditor();
                    onAddBack(edited);
                  },
                }
          }
          onCancel={closeEditor}
          onSave={(changes) => {
            closeEditor();
            onEdit(changes);
          }}
        />
      </li>
    );
  }

  return (
    <li className={`item${item.checked ? ' item--checked' : ''}${pending || waiting ? ' item--pending' : ''}`}>
      <label className="item__main">
        <input
          ref={checkboxRef}
          type="checkbox"
          className="item__checkbox"
          checked={item.checked}
          aria-labelledby={`${id}-name`}
          aria-describedby={`${id}-meta`}
          onChange={(event) => onToggle(event.target.checked)}
        />
        <span className="item__text">
          <span className="item__title">
            <span id={`${id}-name`} className="item__name">
              {item.name}
            </span>
            {quantity && <span className="item__quantity">{quantity}</span>}
          </span>
          <span id={`${id}-meta`} className="item__meta">
            {item.note && <span className="item__note">{item.note}</span>}
            {(waiting || byline) && <span className="item__by">{waiting ? waitingLabel : byline}</span>}
          </span>
        </span>
      </label>
      <div className="item__actions">
        <button
          ref={editButton}
          type="button"
          className="icon-button"
          aria-label={`Edit ${item.name}`}
          onClick={openEditor}
        >
          <PencilIcon />
        </button>
        <button type="button" className="icon-button icon-button--danger" aria-label={`Remove ${item.name}`} onClick={onRemove}>
          <TrashIcon />
        </button>
      </div>
    </li>
  );
}
