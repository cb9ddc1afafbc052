import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { ShoppingItem } from '../../../shared/types';
import { FormError } from '../../components/form-error';
import { parseQuantity, QUANTITY_HINT } from './quantity';
import { changedFields } from './item-changes';
import type { ItemChanges } from './use-item-mutations';

/** Edits an item in place of its row; Escape cancels. */
export function ItemEditForm({ item, onSave, onCancel }: { item: ShoppingItem; onSave: (changes: ItemChanges) => void; onCancel: () => void }) {
  const [name, setName] = useState(item.name);
  const [quantity, setQuantity] = useState(item.quantity === null ? '' : String(item.quantity));
  const [note, setNote] = useState(item.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseQuantity(quantity);
    if (!name.trim()) return setError('An item needs a name.');
    if (parsed === undefined) return setError(`Quantity: ${QUANTITY_HINT}`);
    onSave(changedFields(item, { name: name.trim(), quantity: parsed, note: note.trim() || null }));
  };

  return (
    <form
      className="item-edit"
      onSubmit={submit}
      aria-label={`Edit ${item.name}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>Item</label>
        <input id={`${id}-name`} autoFocus maxLength={LIMITS.itemName} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="item-edit__row">
        <div className="field field--quantity">
          <label htmlFor={`${id}-quantity`}>Quantity</label>
          <input id={`${id}-quantity`} inputMode="decimal" value={quantity} onChange={(event) => setQuantity(event.target.value)} />
        </div>
        <div className="field field--grow">
          <label htmlFor={`${id}-note`}>Note</label>
          <input id={`${id}-note`} maxLength={LIMITS.itemNote} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
      </div>
      <FormError message={error} />
      <div className="button-row">
        <button type="submit" className="button button--primary">
          Save
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
