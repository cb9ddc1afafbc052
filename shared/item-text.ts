/**
 * How one line of typed text becomes an item: "2 l milk", "milk x3",
 * "500g flour", "3 eggs". The SPA parses as the user types and sends the
 * parts; the API itself takes them apart (`name`, `quantity`, `unit`), so a
 * product called "7 Up" added through the API stays "7 Up".
 */

/** Units recognised in typed text, by every spelling that means them. */
const UNIT_SPELLINGS: Record<string, string> = {
  g: 'g',
  gr: 'g',
  gram: 'g',
  grams: 'g',
  kg: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  mg: 'mg',
  l: 'l',
  liter: 'l',
  liters: 'l',
  litre: 'l',
  litres: 'l',
  ml: 'ml',
  cl: 'cl',
  dl: 'dl',
  oz: 'oz',
  lb: 'lb',
  lbs: 'lb',
  pc: 'pcs',
  pcs: 'pcs',
  pack: 'pack',
  packs: 'pack',
  can: 'can',
  cans: 'can',
  bottle: 'bottle',
  bottles: 'bottle',
  box: 'box',
  boxes: 'box',
  bag: 'bag',
  bags: 'bag',
  jar: 'jar',
  jars: 'jar',
  bunch: 'bunch',
  dozen: 'dozen',
};

export interface ParsedItemText {
  name: string;
  quantity: number | null;
  unit: string | null;
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const UNIT = String.raw`([A-Za-z]+)\.?`;
/** "2 l milk", "500g flour", "2 milk", "2x milk", "2 × milk" */
const LEADING = new RegExp(String.raw`^${NUMBER}\s*(?:[x×](?=[\s\d])\s*|${UNIT}\s+|\s)(.+)$`, 'i');
/**
 * "milk x3", "milk ×3", "milk 3x", "milk 2 l", "flour 500g". "3x" is tried
 * before a number with a unit: "x" is letters too, and read as a unit it is none.
 */
const TRAILING = new RegExp(String.raw`^(.+?)\s+(?:[x×]\s*${NUMBER}|${NUMBER}\s*[x×]|${NUMBER}\s*${UNIT})$`, 'i');

const toNumber = (text: string) => Number(text.replace(',', '.'));
const unitOf = (word: string | undefined) => (word ? (UNIT_SPELLINGS[word.toLowerCase()] ?? null) : null);

/** Splits typed text into name, quantity and unit; text with no quantity in it is all name. */
export function parseItemText(text: string): ParsedItemText {
  const line = text.trim().replace(/\s+/g, ' ');
  const leading = LEADING.exec(line);
  if (leading) {
    const [, amount = '', word, rest = ''] = leading;
    const unit = unitOf(word);
    // "2 apples": the word after the number is the name, not a unit.
    const name = word && !unit ? `${word} ${rest}` : rest;
    if (toNumber(amount) > 0 && name.trim()) return { name: name.trim(), quantity: toNumber(amount), unit };
  }
  const trailing = TRAILING.exec(line);
  if (trailing) {
    const [, name = '', times, timesAfter, amount, word] = trailing;
    const unit = unitOf(word);
    const quantity = toNumber(times ?? (unit ? amount : undefined) ?? timesAfter ?? '');
    if (quantity > 0 && name.trim()) return { name: name.trim(), quantity, unit: times || timesAfter ? null : unit };
  }
  return { name: line, quantity: null, unit: null };
}

/**
 * Two names are the same item when they differ only in case, width or
 * spacing: "Milk", "milk " and "ｍｉｌｋ" merge; "oat milk" does not.
 */
export function itemNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
