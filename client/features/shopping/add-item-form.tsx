import { useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import { FormError } from '../../components/form-error';
import { PlusIcon } from '../../components/icons';
import { parseQuantity, QUANTITY_HINT } from './quantity';
import type { ItemDraft } from './use-item-mutations';

/**
 * Type and press Enter: the item is on the list at once and the field is
 * ready for the next one. Quantity and note are one tap away, not in the way.
 */
export function AddItemForm({ onAdd }: { onAdd: (draft: ItemDraft) => void }) {
  const [name, setName] = useState('');
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [details, setDetails] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Type what you need first.');
      nameInput.current?.focus();
      return;
    }
    const parsed = parseQuantity(quantity);
    if (parsed === undefined) {
      setError(`Quantity: ${QUANTITY_HINT}`);
      return;
    }
    onAdd({ name: name.trim(), quantity: parsed, note: note.trim() || null });
    setName('');
    setQuantity('');
    setNote('');
    setError(null);
    nameInput.current?.focus();
  };

  return (
    <form className="add-item" onSubmit={submit} aria-label="Add an item">
      <div className="add-item__row">
        <label htmlFor={`${id}-name`} className="visually-hidden">
          Item
        </label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          className="add-item__name"
          placeholder="Add an item…"
          autoComplete="off"
          enterKeyHint="done"
          maxLength={LIMITS.itemName}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
        />
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
    </form>
  );
}
