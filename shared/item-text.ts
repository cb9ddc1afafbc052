/**
 * How one line of typed text becomes an item: "2 l milk", "milk x3",
 * "500g flour", "3 eggs", "2 packs of pasta", "a dozen eggs". The SPA parses
 * as the user types and sends the parts; the API itself never takes a name
 * apart (`name`, `quantity`, `unit` come separately), so a product called
 * "3 Musketeers" added through the API stays whole.
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
};

/** Words that stand for a count: "a dozen eggs" is 12 eggs. */
const COUNT_WORDS: Record<string, number> = { dozen: 12 };

/** Fractions typed as one character: "½ lb butter". */
const FRACTIONS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75 };

export interface ParsedItemText {
  name: string;
  quantity: number | null;
  unit: string | null;
}

interface Amount {
  quantity: number;
  unit: string | null;
}

/** "2", "1.5", "1,5", "½", "1½", "1/2"; a leading "a" or "an" is one ("a bag of apples", "a dozen eggs"). */
const NUMBER = String.raw`(\d+(?:[.,]\d+)?|\d*[½¼¾]|\d+/\d+|an?(?= ))`;
const UNIT = String.raw`([A-Za-z]+)\.?`;
/** "2 l milk", "500g flour", "2 milk", "2x milk", "2 × milk", "2 packs of pasta" */
const LEADING = new RegExp(String.raw`^${NUMBER}\s*(?:[x×](?=[\s\d])\s*|${UNIT}\s+|\s)(.+)$`, 'i');
/**
 * "milk x3", "milk ×3", "milk 3x", "milk 2 l", "flour 500g", "tomatoes 2",
 * "milk, 2l". "3x" is tried before a number with a unit: "x" is letters too,
 * and read as a unit it is none.
 */
const TRAILING = new RegExp(String.raw`^(.+?)[,;:]?\s+(?:[x×]\s*${NUMBER}|${NUMBER}\s*[x×]|${NUMBER}\s*${UNIT}|(\d+))$`, 'i');

function toNumber(text: string): number {
  if (/^an?$/i.test(text)) return 1;
  const [, whole = '', fraction] = /^(\d*)([½¼¾])$/.exec(text) ?? [];
  if (fraction) return Number(whole || 0) + (FRACTIONS[fraction] ?? 0);
  const [, numerator, denominator] = /^(\d+)\/(\d+)$/.exec(text) ?? [];
  if (numerator && denominator) return Number(numerator) / Number(denominator);
  return Number(text.replace(',', '.'));
}

/** A word after a number that says what it counts in: a unit, or a count word that multiplies ("2 dozen" is 24). */
function amountOf(quantity: number, word: string | undefined): Amount | null {
  const key = word?.toLowerCase() ?? '';
  const times = COUNT_WORDS[key];
  if (times) return { quantity: quantity * times, unit: null };
  const unit = UNIT_SPELLINGS[key];
  return unit ? { quantity, unit } : null;
}

/**
 * Whether an amount and a name make an item. A count beside a capitalised
 * name of one or two letters is part of the name: "7 Up", "WD 40" and "3 M"
 * are products, not 7 of "Up". In lower case it is a name still being typed:
 * "2 mi" on its way to "2 milk".
 */
function isItem(name: string, { quantity, unit }: Amount): boolean {
  return Number.isFinite(quantity) && quantity > 0 && name !== '' && (unit !== null || !/^\p{Lu}\p{L}?$/u.test(name));
}

/** Splits typed text into name, quantity and unit; text with no quantity in it is all name. */
export function parseItemText(text: string): ParsedItemText {
  const line = text.trim().replace(/\s+/g, ' ');
  const leading = LEADING.exec(line);
  if (leading) {
    const [, number = '', word, rest = ''] = leading;
    const amount = amountOf(toNumber(number), word);
    // "2 apples": the word after the number is the name, not a unit; "2 packs of pasta" is pasta.
    const name = amount ? rest.replace(/^of /i, '') : [word, rest].filter(Boolean).join(' ');
    // "a banana" is a name: "a" is a number only before a unit ("a bag of apples").
    const counted = amount ?? (/^an?$/i.test(number) ? null : { quantity: toNumber(number), unit: null });
    if (counted && isItem(name, counted)) return { name, ...counted };
  }
  const trailing = TRAILING.exec(line);
  if (trailing) {
    const [, name = '', times, timesAfter, number = '', word, bare] = trailing;
    const count = times ?? timesAfter ?? bare;
    const amount = count !== undefined ? { quantity: toNumber(count), unit: null } : amountOf(toNumber(number), word);
    if (amount && isItem(name, amount)) return { name, ...amount };
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
