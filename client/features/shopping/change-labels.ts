/**
 * A change in the words of the person who made it: `todo` names it where it
 * could not be saved ("Tick “milk”" was not saved), `done` where it can be
 * undone ("Ticked “milk”").
 */
interface ChangeLabel {
  todo: string;
  done: string;
}

const quoted = (name: string) => `“${name}”`;
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

export const changeLabels = {
  add: (name: string): ChangeLabel => ({ todo: `Add ${quoted(name)}`, done: `Added ${quoted(name)}` }),
  tick: (name: string, checked: boolean): ChangeLabel =>
    checked ? { todo: `Tick ${quoted(name)}`, done: `Ticked ${quoted(name)}` } : { todo: `Untick ${quoted(name)}`, done: `Unticked ${quoted(name)}` },
  edit: (name: string): ChangeLabel => ({ todo: `Change ${quoted(name)}`, done: `Changed ${quoted(name)}` }),
  remove: (name: string): ChangeLabel => ({ todo: `Remove ${quoted(name)}`, done: `Removed ${quoted(name)}` }),
  clearChecked: (n: number): ChangeLabel => ({ todo: `Clear ${count(n, 'checked item')}`, done: `Cleared ${count(n, 'checked item')}` }),
  /** `n`, when more rows come back than we know the names of. */
  restore: (names: readonly string[], n = names.length): ChangeLabel => {
    const what = n === 1 && names[0] !== undefined ? quoted(names[0]) : count(n, 'item');
    return { todo: `Bring back ${what}`, done: `Brought back ${what}` };
  },
};
