/** The HoneyDo mark: a honeycomb cell with a tick. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path fill="#f59e0b" d="M32 4 56 18v28L32 60 8 46V18z" />
      <path d="m22 33 7 7 14-16" fill="none" stroke="#78350f" strokeWidth="6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
