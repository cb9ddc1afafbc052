/** Up to three names in full; past that, two and how many more: "milk, eggs and 2 more". */
export function nameList(names: readonly string[]): string {
  if (names.length <= 3) return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
