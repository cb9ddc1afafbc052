import { useState, type FormEvent, type ReactNode } from 'react';
import { describeError } from '../lib/api-errors';
import { FormError } from './form-error';

/**
 * One name in one field and a button: naming yourself, a household, a list.
 * Sends the trimmed name, and only when it is not blank and differs from
 * `current`; the button is disabled otherwise, so a press never does nothing
 * silently. With `onCancel`, a Cancel button and Escape back out.
 */
export function NameForm({
  className,
  label,
  inputId,
  current = '',
  maxLength,
  placeholder,
  autoFocus,
  submitLabel,
  primary = false,
  pending,
  error,
  onSave,
  onCancel,
}: {
  className: string;
  /** The `<label htmlFor={inputId}>`, wrapped or styled as its place needs. */
  label: ReactNode;
  inputId: string;
  /** The name as it is now; blank for a new one. */
  current?: string;
  maxLength: number;
  placeholder?: string;
  autoFocus?: boolean;
  submitLabel: string;
  primary?: boolean;
  pending: boolean;
  /** The mutation's error, shown under the field; leave it out where the caller shows it elsewhere. */
  error?: unknown;
  onSave: (name: string) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(current);
  const trimmed = name.trim();
  const changed = trimmed !== '' && trimmed !== current;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed) onSave(trimmed);
  };

  return (
    <form
      className={className}
      onSubmit={submit}
      onKeyDown={
        onCancel &&
        ((event) => {
          if (event.key !== 'Escape') return;
          // Escape backs out of this form only, not out of a dialog around it too.
          event.preventDefault();
          onCancel();
        })
      }
    >
      {label}
      <div className="inline-form">
        <input
          id={inputId}
          autoFocus={autoFocus}
          placeholder={placeholder}
          maxLength={maxLength}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className={primary ? 'button button--primary' : 'button'} disabled={pending || !changed}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <FormError message={error ? describeError(error) : null} />
    </form>
  );
}
