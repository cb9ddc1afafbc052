import { useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { ShoppingItem } from '../../../shared/types';
import { FormError } from '../../components/form-error';
import { PlusIcon } from '../../components/icons';
import { useToasts } from '../../components/toasts';
import { amountAdded } from '../../../shared/item-merge';
import { addProblem, mergeNotice, mergeTarget, textWithName, typedItem, type PickedName, type TypedItem } from './add-item-draft';
import { ItemNameField } from './item-name-field';
import { formatAmount, formatQuantity, parseQuantity, QUANTITY_HINT } from './quantity';
import { RecentItems } from './recent-items';
import type { ItemDraft } from './item-changes';
import { useItemSuggestions } from './use-item-suggestions';

/**
 * Type and press Enter: the item is on the list at once and the field is
 * ready for the next one. "2 l milk" is read as it is typed, with a preview
 * of what will be stored; names used before are suggested, and what was
 * bought lately is one tap away. Quantity and note are one tap away too,
 * not in the way.
 */
export function AddItemForm({ listId, items, onAdd }: { listId: string; items: readonly ShoppingItem[]; onAdd: (draft: ItemDraft) => void }) {
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<PickedName | null>(null);
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [details, setDetails] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const toasts = useToasts();
  const id = useId();

  const typed = typedItem(text, picked);
  const suggestions = useItemSuggestions(listId, typed.name);
  // A quantity in the details field wins over one in the text.
  const detailQuantity = parseQuantity(quantity);
  const item: TypedItem = detailQuantity ? { ...typed, quantity: detailQuantity } : typed;

  const add = (what: TypedItem, withNote: string | null) => {
    // Said before the add, from the list as it is: the server merges the same way.
    const notice = mergeNotice(items, what);
    onAdd({ name: what.name, quantity: what.quantity, unit: what.unit, note: withNote, category: what.category });
    if (notice) toasts.show(notice);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Not a number at all: the schema below would only see a missing quantity.
    if (detailQuantity === undefined) {
      setError(`Quantity: ${QUANTITY_HINT}`);
      return;
    }
    const withNote = note.trim() || null;
    const problem = addProblem(listId, item, withNote);
    if (problem) {
      setError(problem.message);
      if (problem.field === 'name') nameInput.current?.focus();
      return;
    }
    add(item, withNote);
    setText('');
    setPicked(null);
    setQuantity('');
    setNote('');
    setError(null);
    nameInput.current?.focus();
  };

  return (
    <form className="add-item" onSubmit={submit} aria-label="Add an item">
      <div className="add-item__row">
        <ItemNameField
          id={`${id}-name`}
          inputRef={nameInput}
          value={text}
          suggestions={suggestions}
          describedBy={`${id}-preview`}
          onChange={(value) => {
            setText(value);
            setError(null);
          }}
          onPick={(suggestion) => {
            setText(textWithName(text, suggestion.name));
            setPicked(suggestion);
          }}
        />
      </div>
      <div className="add-item__bar">
        <Preview id={`${id}-preview`} item={item} mergesInto={item.name ? mergeTarget(items, item) : null} />
        <button
          type="button"
          className="button button--ghost add-item__more"
          aria-expanded={details}
          aria-controls={`${id}-details`}
          onClick={() => setDetails((open) => !open)}
        >
          Details
        </button>
        <button type="submit" className="button button--primary add-item__submit">
          <PlusIcon />
          <span>Add</span>
        </button>
      </div>
      {details && (
        <div className="add-item__details" id={`${id}-details`}>
          <div className="field field--quantity">
            <label htmlFor={`${id}-quantity`}>Quantity</label>
            <input
              id={`${id}-quantity`}
              inputMode="decimal"
              placeholder="1"
              value={quantity}
              onChange={(event) => setQuantity(event.target.value)}
            />
          </div>
          <div className="field field--grow">
            <label htmlFor={`${id}-note`}>Note</label>
            <input
              id={`${id}-note`}
              placeholder="Brand, size, where to find it…"
              maxLength={LIMITS.itemNote}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
        </div>
      )}
      <FormError message={error} />
      <RecentItems listId={listId} items={items} onAdd={(suggestion) => add({ name: suggestion.name, quantity: null, unit: null }, null)} />
    </form>
  );
}

/**
 * How the typed line will be stored: "Adds milk [2 l] [Dairy & eggs]", or,
 * for a name already on the list, what happens to that row instead.
 */
function Preview({ id, item, mergesInto }: { id: string; item: TypedItem; mergesInto: ShoppingItem | null }) {
  const name = <strong className="add-item__preview-name">{mergesInto?.name ?? item.name}</strong>;
  const amount = formatQuantity(item.quantity, item.unit);
  const added = mergesInto ? amountAdded(mergesInto, item) : item;
  return (
    <p id={id} className="add-item__preview" hidden={!item.name}>
      {!mergesInto ? (
        <>
          Adds {name}
          {amount && <span className="tag tag--amount">{amount}</span>}
          {item.category && <span className="tag">{item.category}</span>}
        </>
      ) : added.quantity === null ? (
        <>{name} is already on the list</>
      ) : (
        <>
          Adds <span className="tag tag--amount">{formatAmount(added.quantity, added.unit)}</span> to the {name} already on the list
        </>
      )}
    </p>
  );
}
