/** Who did something: a person and one of their tabs (numbered per person, never reused). */
export interface Actor {
  person: string;
  tab: number;
}

/**
 * One thing a person did through the UI. `accepted` says whether the UI
 * showed the change (the row appeared, ticked, changed or went); only an
 * accepted change is one the app promised to keep.
 */
export type Change =
  | { kind: 'add'; actor: Actor; name: string; quantity: number; accepted: boolean }
  | { kind: 'tick'; actor: Actor; name: string; checked: boolean; accepted: boolean }
  | { kind: 'edit'; actor: Actor; name: string; quantity: number; accepted: boolean }
  | { kind: 'remove'; actor: Actor; name: string; accepted: boolean }
  | { kind: 'clear'; actor: Actor; names: string[]; accepted: boolean }
  /** `notice` is the text of the notice whose Undo was pressed: it names what was undone. */
  | { kind: 'undo'; actor: Actor; notice: string; accepted: boolean };

/** What happened to the world around the people: a person offline, a tab reloaded or crashed, the server killed. */
export interface Fault {
  kind: 'fault';
  what: string;
}

export type Entry = (Change | Fault) & { seq: number; atMs: number };

/** Whether `text` names `name` as a whole word: item names share prefixes, a notice naming "alex-aab" does not name "alex-aa". */
const names = (text: string, name: string) => new RegExp(`(^|[^a-z-])${name}([^a-z-]|$)`).test(text);

export function touches(entry: Entry, name: string): boolean {
  switch (entry.kind) {
    case 'fault':
      return false;
    case 'clear':
      return entry.names.includes(name);
    case 'undo':
      return names(entry.notice, name);
    default:
      return entry.name === name;
  }
}

/** Every change and fault of a run, in the order the checker made them. */
export class OpLog {
  readonly entries: Entry[] = [];
  private readonly started = performance.now();

  record(entry: Change | Fault): void {
    this.entries.push({ ...entry, seq: this.entries.length + 1, atMs: Math.round(performance.now() - this.started) });
  }

  changes(): (Change & Entry)[] {
    return this.entries.filter((entry): entry is Change & Entry => entry.kind !== 'fault');
  }

  /**
   * The shortest story of what went wrong with `itemNames`: every change that
   * touched one of them, with every fault, in order. Also the faults after the
   * last of those changes: a tab closed or crashed later is as likely a cause.
   */
  trace(itemNames: readonly string[]): string[] {
    return this.entries.filter((entry) => entry.kind === 'fault' || itemNames.some((name) => touches(entry, name))).map(describe);
  }
}

export function describe(entry: Entry): string {
  const at = `#${entry.seq} ${(entry.atMs / 1000).toFixed(1)}s`;
  if (entry.kind === 'fault') return `${at} fault: ${entry.what}`;
  const who = `${entry.actor.person}/tab${entry.actor.tab}`;
  const outcome = entry.accepted ? '' : ' (not shown: not accepted)';
  switch (entry.kind) {
    case 'add':
      return `${at} ${who} adds ${entry.name} ×${entry.quantity}${outcome}`;
    case 'tick':
      return `${at} ${who} ${entry.checked ? 'ticks' : 'unticks'} ${entry.name}${outcome}`;
    case 'edit':
      return `${at} ${who} sets ${entry.name} to ×${entry.quantity}${outcome}`;
    case 'remove':
      return `${at} ${who} removes ${entry.name}${outcome}`;
    case 'clear':
      return `${at} ${who} clears checked: ${entry.names.join(', ')}${outcome}`;
    case 'undo':
      return `${at} ${who} presses Undo on "${entry.notice}"${outcome}`;
  }
}
