import { useState, type KeyboardEvent, type Ref } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { ItemSuggestion } from '../../../shared/types';

/**
 * The add field as a WAI-ARIA combobox with a list of names the household
 * used before: typing opens it, arrow keys move through it (focus stays in
 * the field), Enter picks the highlighted name, Escape closes it. With
 * nothing highlighted, Enter is left to the form: it adds.
 */
export function ItemNameField({
  id,
  inputRef,
  value,
  suggestions,
  describedBy,
  onChange,
  onPick,
}: {
  id: string;
  inputRef: Ref<HTMLInputElement>;
  value: string;
  suggestions: ItemSuggestion[];
  describedBy?: string;
  onChange: (value: string) => void;
  onPick: (suggestion: ItemSuggestion) => void;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listboxId = `${id}-suggestions`;
  const expanded = open && suggestions.length > 0;
  // The suggestions change under the highlight as the typing goes on; a highlight past the end is none.
  const highlighted = expanded && active < suggestions.length ? active : -1;
  const optionId = (index: number) => `${id}-suggestion-${index}`;

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const pick = (suggestion: ItemSuggestion) => {
    close();
    onPick(suggestion);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = suggestions.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setOpen(true);
      setActive(expanded ? (highlighted + 1) % count : 0);
    } else if (event.key === 'ArrowUp' && expanded) {
      event.preventDefault();
      setActive(highlighted <= 0 ? count - 1 : highlighted - 1);
    } else if (event.key === 'Enter' && highlighted >= 0) {
      const suggestion = suggestions[highlighted];
      if (!suggestion) return;
      event.preventDefault();
      pick(suggestion);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="combobox">
      <label htmlFor={id} className="visually-hidden">
        Item
      </label>
      <input
        ref={inputRef}
        id={id}
        className="add-item__name"
        placeholder="Add an item…"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-activedescendant={highlighted >= 0 ? optionId(highlighted) : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        enterKeyHint="done"
        maxLength={LIMITS.itemName}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(event.target.value.trim() !== '');
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      <ul id={listboxId} role="listbox" aria-label="Used before" className="combobox__listbox" hidden={!expanded}>
        {suggestions.map((suggestion, index) => (
          <li
            key={suggestion.name}
            id={optionId(index)}
            role="option"
            aria-selected={index === highlighted}
            className="combobox__option"
            // Keeps the focus in the field, where the keyboard user left it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(suggestion)}
          >
            <span className="combobox__name">{suggestion.name}</span>
            {suggestion.category && <span className="combobox__category">{suggestion.category}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
