import { useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { ShoppingItem } from '../../../shared/types';
import { FormError } from '../../components/form-error';
import { useKeepClearOfToasts } from '../../components/use-keep-clear-of-toasts';
import { changedFields, type ItemEdit } from './item-changes';
import { categoryOptions } from './item-groups';
import { parseQuantity, QUANTITY_HINT } from './quantity';

type Field = keyof Required<ItemEdit>;

/** The item's fields as the form's inputs hold them. */
const asText = (item: ShoppingItem): Record<Field, string> => ({
  name: item.name,
  quantity: item.quantity === null ? '' : String(item.quantity),
  unit: item.unit ?? '',
  note: item.note ?? '',
  category: item.category ?? '',
});

/**
 * Edits an item in place of its row; Escape cancels. Only the fields this
 * person touched are theirs: the others keep following the item live, so a
 * change someone else makes meanwhile shows here, and Save sends only what
 * was changed here (`changedFields`), leaving the other person's change be.
 * If someone removes the item meanwhile, the form stays with what was typed
 * and says so (`removed`): Save becomes "Add it back", with every field.
 */
export function ItemEditForm({
  item,
  categories,
  removed,
  onSave,
  onCancel,
}: {
  item: ShoppingItem;
  /** The household's categories, for the select. */
  categories: readonly string[];
  /** The item is gone: what happened ("Sam removed milk"), and how to add it back as edited here. */
  removed?: { note: string; onAddBack: (item: Required<ItemEdit>) => void };
  onSave: (changes: ItemEdit) => void;
  onCancel: () => void;
}) {
  const [touched, setTouched] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  useKeepClearOfToasts(form);
  const { options, selected } = categoryOptions(categories, item.category);
  const shown = { ...asText(item), category: selected, ...touched };
  const input = (field: Field) => ({
    id: `${id}-${field}`,
    value: shown[field],
    onChange: (event: { target: { value: string } }) => setTouched((current) => ({ ...current, [field]: event.target.value })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const quantity = parseQuantity(shown.quantity);
    if (!shown.name.trim()) return setError('An item needs a name.');
    if (quantity === undefined) return setError(`Quantity: ${QUANTITY_HINT}`);
    const edited: Required<ItemEdit> = {
      name: shown.name.trim(),
      quantity,
      unit: shown.unit.trim() || null,
      note: shown.note.trim() || null,
      category: shown.category || null,
    };
    if (removed) return removed.onAddBack(edited);
    const mine = Object.fromEntries(Object.keys(touched).map((field) => [field, edited[field as Field]])) as ItemEdit;
    onSave(changedFields(item, mine));
  };

  return (
    <form
      ref={form}
      className="item-edit"
      onSubmit={submit}
      aria-label={`Edit ${item.name}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>Item</label>
        <input autoFocus maxLength={LIMITS.itemName} {...input('name')} />
      </div>
      <div className="item-edit__row">
        <div className="field field--quantity">
          <label htmlFor={`${id}-quantity`}>Quantity</label>
          <input inputMode="decimal" {...input('quantity')} />
        </div>
        <div className="field field--unit">
          <label htmlFor={`${id}-unit`}>Unit</label>
          <input placeholder="l, kg, pack" maxLength={LIMITS.unit} {...input('unit')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>Category</label>
        <select {...input('category')}>
          <option value="">No category</option>
          {options.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <input maxLength={LIMITS.itemNote} {...input('note')} />
      </div>
      <FormError message={error} />
      {removed && (
        <p className="item-edit__removed" role="status">
          {removed.note}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary">
          {removed ? 'Add it back' : 'Save'}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {removed ? 'Discard' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}
