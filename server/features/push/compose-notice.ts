import type { HouseholdEventOf, HouseholdEventType } from '../../../shared/events';
import { nameList } from '../../../shared/name-list';
import type { DigestEvent, PushNotice } from '../../../shared/push';

export type NudgeEvent = HouseholdEventOf<'system:notification'>;

/** Who is who, for the words of a notice. */
export interface NoticeNames {
  household: string;
  people: ReadonlyMap<string, string>;
}

/** Longest body of a notice: phones show a few lines, and the payload must stay well under the push services' 4 KiB. */
export const MAX_NOTICE_BODY = 600;

const TITLE_WITHOUT_DETAILS = 'HoneyDo';

const personOf = (names: NoticeNames, userId: string | null) => (userId && names.people.get(userId)) || 'Someone';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

function countTypes(events: readonly { type: HouseholdEventType }[]): PushNotice['counts'] {
  const counts: PushNotice['counts'] = {};
  for (const { type } of events) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** One member's changes in words: "added milk, eggs and 2 more; ticked bread". */
function describeChanges(changes: readonly DigestEvent[]): string {
  const added: string[] = [];
  const ticked: string[] = [];
  const removed: string[] = [];
  let cleared = 0;
  let other = 0;
  for (const event of changes) {
    if (event.type === 'shopping:item:added') added.push(event.item.name);
    else if (event.type === 'shopping:item:updated' && event.fields?.includes('checked') && event.item.checked) ticked.push(event.item.name);
    else if (event.type === 'shopping:item:removed' && event.reason === 'cleared') cleared++;
    else if (event.type === 'shopping:item:removed') removed.push(event.name ?? 'an item');
    else other++;
  }
  const parts = [
    added.length ? `added ${nameList(added)}` : '',
    ticked.length ? `ticked ${ticked.length > 3 ? plural(ticked.length, 'item') : nameList(ticked)}` : '',
    removed.length ? `removed ${removed.length > 3 ? plural(removed.length, 'item') : nameList(removed)}` : '',
    cleared ? `cleared ${plural(cleared, 'checked item')}` : '',
    other ? `made ${plural(other, 'other change')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/** In the order each actor first appears. */
function byActor<T extends { actorId: string | null }>(events: readonly T[]): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const event of events) groups.set(event.actorId, [...(groups.get(event.actorId) ?? []), event]);
  return groups;
}

/**
 * One member's digest of a household: what the others changed, one line per
 * person ("Sam added milk, eggs and 2 more"), and the nudges it holds.
 * Without `details` it holds counts and people only ("Sam made 4 changes"):
 * no item name, list or household name, no nudge text.
 */
export function composeDigest(input: {
  householdId: string;
  names: NoticeNames;
  details: boolean;
  changes: readonly DigestEvent[];
  nudges: readonly NudgeEvent[];
}): PushNotice {
  const { names, details } = input;
  const lines: string[] = [];
  for (const [actorId, changes] of byActor(input.changes)) {
    const who = personOf(names, actorId);
    lines.push(details ? `${who} ${describeChanges(changes)}` : `${who} made ${plural(changes.length, 'change')} to the list`);
  }
  for (const [actorId, nudges] of byActor(input.nudges)) {
    const who = personOf(names, actorId);
    if (details) for (const nudge of nudges) lines.push(`${who}: ${nudge.message}`);
    else lines.push(`${who} sent ${nudges.length === 1 ? 'a nudge' : plural(nudges.length, 'nudge')}`);
  }
  const all = [...input.changes, ...input.nudges];
  const newest = all.reduce((latest, event) => (event.at > latest ? event.at : latest), all[0]?.at ?? new Date(0).toISOString());
  const lastChange = input.changes.at(-1);
  return {
    v: 1,
    kind: 'digest',
    householdId: input.householdId,
    listId: lastChange?.listId ?? null,
    title: details ? names.household : TITLE_WITHOUT_DETAILS,
    body: cut(lines.join('\n'), MAX_NOTICE_BODY),
    tag: `digest:${input.householdId}`,
    at: newest,
    counts: countTypes(all),
  };
}

/** A nudge, at once: "Sam · Home" / "can you grab bread?"; without details only that there is one. */
export function composeNudge(nudge: NudgeEvent, names: NoticeNames, details: boolean): PushNotice {
  const who = personOf(names, nudge.actorId);
  const toYou = nudge.toUserId !== null;
  return {
    v: 1,
    kind: 'nudge',
    householdId: nudge.householdId,
    listId: null,
    title: details ? `${who} · ${names.household}` : TITLE_WITHOUT_DETAILS,
    body: details ? cut(nudge.message, MAX_NOTICE_BODY) : `${who} sent ${toYou ? 'you' : 'the household'} a nudge`,
    tag: `nudge:${nudge.householdId}:${nudge.at}`,
    at: nudge.at,
    counts: { 'system:notification': 1 },
    ...(details ? { event: nudge } : {}),
  };
}
