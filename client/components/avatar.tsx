/** Light tints: the dark initials on them keep a contrast above 7:1. */
const TINTS = ['#fde68a', '#bbf7d0', '#bfdbfe', '#fbcfe8', '#ddd6fe', '#fed7aa', '#a5f3fc'];

function tintOf(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return TINTS[hash % TINTS.length] ?? '#fde68a';
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(words[0] ?? '?')][0] ?? '?';
  const last = words.length > 1 ? ([...(words.at(-1) ?? '')][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * A member's initials in a circle; `online` adds the presence dot (undefined:
 * we do not know, e.g. while we are offline ourselves).
 */
export function Avatar({ id, name, online, size = 'normal' }: { id: string; name: string; online?: boolean; size?: 'small' | 'normal' }) {
  return (
    <span className={`avatar avatar--${size}`} style={{ background: tintOf(id) }} aria-hidden="true">
      {initialsOf(name)}
      {online !== undefined && <span className={`avatar__dot ${online ? 'avatar__dot--online' : 'avatar__dot--away'}`} />}
    </span>
  );
}
