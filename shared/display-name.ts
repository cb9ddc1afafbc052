/** Whether two display names are the same name as a person reads them: "Sam", " sam" and "ＳＡＭ" are. */
export function sameDisplayName(a: string, b: string): boolean {
  const key = (name: string) => name.normalize('NFKC').trim().toLocaleLowerCase();
  return key(a) === key(b);
}
