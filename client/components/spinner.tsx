/** A small busy indicator; the text beside it says what is happening. */
export function Spinner({ size = 'normal' }: { size?: 'small' | 'normal' }) {
  return <span className={`spinner spinner--${size}`} aria-hidden="true" />;
}
