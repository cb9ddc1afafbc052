import { isDeepStrictEqual } from 'node:util';
import type { HouseholdEvent } from '../../shared/events';
import type { ShoppingItem } from '../../shared/types';
import type { Received } from '../support/event-recorder';
import type { StoredEvent } from './database';
import { foldItems, type Attempt } from './workload';

/** Not stored, so not part of exactly-once: presence rides on the last stored id, a reset is the server giving up on replay. */
const EPHEMERAL = new Set<HouseholdEvent['type']>(['household:presence', 'sync:reset']);
const ITEM_EVENT = { add: 'shopping:item:added', update: 'shopping:item:updated', remove: 'shopping:item:removed', clearChecked: 'shopping:item:removed' } as const;
/** How many examples a violation lists before it just counts. */
const EXAMPLES = 5;

export interface MemberRecord {
  index: number;
  userId: string;
  householdId: string;
  listId: string;
  /** `getByList` taken right after the subscription started, before any change was made. */
  snapshot: ShoppingItem[];
  received: Received[];
  /** `getByList` over HTTP once everything settled. */
  finalQuery: ShoppingItem[];
}

export interface Facts {
  attempts: Attempt[];
  members: MemberRecord[];
  households: { householdId: string; listId: string }[];
  log: StoredEvent[];
  /** The database's items, by list id. */
  itemsByList: Map<string, ShoppingItem[]>;
}

export interface Findings {
  violations: string[];
  /** Unacknowledged mutations (no answer) whose events are in the log: they committed anyway. */
  committedUnanswered: number;
  /** Stored events delivered, summed over members. */
  delivered: number;
  /** Presence events delivered, summed over members. */
  presence: number;
}

const examples = (values: unknown[]) => `${values.slice(0, EXAMPLES).join(', ')}${values.length > EXAMPLES ? `, … (${values.length} in all)` : ''}`;

/** Lists the differences between two item sets, keyed by id. */
function itemDifferences(actual: ShoppingItem[] | Map<string, ShoppingItem>, expected: ShoppingItem[]): string | null {
  const mine = actual instanceof Map ? actual : new Map(actual.map((item) => [item.id, item]));
  const theirs = new Map(expected.map((item) => [item.id, item]));
  const missing = [...theirs.keys()].filter((id) => !mine.has(id));
  const extra = [...mine.keys()].filter((id) => !theirs.has(id));
  const differing = [...theirs.keys()].filter((id) => mine.has(id) && !isDeepStrictEqual(mine.get(id), theirs.get(id)));
  if (missing.length + extra.length + differing.length === 0) return null;
  const first = differing[0];
  const sample = first ? `; e.g. ${JSON.stringify(mine.get(first))} vs ${JSON.stringify(theirs.get(first))}` : '';
  return `missing [${examples(missing)}], extra [${examples(extra)}], differing [${examples(differing)}]${sample}`;
}

/**
 * 1. Acknowledged writes. Every mutation carried its own clientId, which the
 * server stamps on the events it causes, so each can be found in the log:
 * - an acknowledged add, update or remove has exactly one event with its
 *   clientId, of its type, by its member, in its household; the add's or
 *   update's event carries the very item the call returned (an add retried
 *   after an unanswered call: the same item id);
 * - an acknowledged clearChecked has one removal per item it reported, in order;
 * - a refused mutation has none; one that got no answer has at most one
 *   (it may have committed: counted);
 * - no item event in the log lacks an attempt of its actor (nothing phantom);
 * - in the database: an acknowledged add's item is there unless a later event
 *   removed it; an acknowledged update's item is there at the acknowledged
 *   version or a later one (exactly the acknowledged item if no later update),
 *   unless a later event removed it; removed items are gone;
 * - each household's log, folded from the start, gives exactly the database's
 *   items, with versions rising by one per update (the log is the full history).
 */
export function checkAcknowledgedWrites(facts: Facts): { violations: string[]; committedUnanswered: number } {
  const violations: string[] = [];
  const itemEvents = facts.log.filter((stored) => stored.event.type.startsWith('shopping:item:'));
  const byClientId = new Map<string, StoredEvent[]>();
  for (const stored of itemEvents) {
    const { clientId } = stored.event;
    if (!clientId) {
      violations.push(`event ${stored.id} (${stored.event.type}) has no clientId: every change in this test sent one`);
      continue;
    }
    byClientId.set(clientId, [...(byClientId.get(clientId) ?? []), stored]);
  }
  const eventsOfItem = new Map<string, StoredEvent[]>();
  for (const stored of itemEvents) {
    const { event } = stored;
    const itemId = event.type === 'shopping:item:removed' ? event.itemId : 'item' in event ? event.item.id : null;
    if (itemId) eventsOfItem.set(itemId, [...(eventsOfItem.get(itemId) ?? []), stored]);
  }
  const removedAfter = (itemId: string, eventId: number) =>
    (eventsOfItem.get(itemId) ?? []).some((stored) => stored.id > eventId && stored.event.type === 'shopping:item:removed');
  const dbItems = new Map([...facts.itemsByList.values()].flat().map((item) => [item.id, item]));
  const attemptsByClientId = new Map(facts.attempts.map((attempt) => [attempt.clientId, attempt]));
  let committedUnanswered = 0;

  for (const attempt of facts.attempts) {
    const what = `${attempt.outcome} ${attempt.kind} ${attempt.clientId} of member ${attempt.member}`;
    const events = byClientId.get(attempt.clientId) ?? [];
    for (const stored of events) {
      if (stored.event.type !== ITEM_EVENT[attempt.kind] || stored.event.actorId !== attempt.userId || stored.householdId !== attempt.householdId) {
        violations.push(`${what}: event ${stored.id} is a ${stored.event.type} by ${stored.event.actorId} in ${stored.householdId}`);
      }
    }
    if (attempt.outcome === 'rejected') {
      if (events.length > 0) violations.push(`${what} (refused with ${attempt.code}) has events ${examples(events.map((e) => e.id))}`);
      continue;
    }
    if (attempt.outcome === 'unknown') {
      if (attempt.kind === 'add') violations.push(`${what}: never acknowledged, though it was sent again after the server came back (last code ${attempt.code ?? 'none'})`);
      if (attempt.kind !== 'clearChecked' && events.length > 1) violations.push(`${what} has ${events.length} events`);
      if (events.length > 0) committedUnanswered++;
      continue;
    }
    const event = events[0]?.event;
    switch (attempt.kind) {
      case 'add':
      case 'update': {
        const item = attempt.item!;
        // An update that set what the item already had changes nothing and announces nothing;
        // the item it answered with must then be one the log already showed.
        const unchanged =
          attempt.kind === 'update' &&
          events.length === 0 &&
          (eventsOfItem.get(item.id) ?? []).some((stored) => 'item' in stored.event && isDeepStrictEqual(stored.event.item, item));
        if (events.length !== 1 && !unchanged) violations.push(`${what}: ${events.length} events in the log, expected exactly one`);
        if (event && 'item' in event) {
          // An add retried after an unanswered call returns the item as it is now, which may have changed since.
          const sameItem = attempt.kind === 'add' && attempt.requests > 1 ? event.item.id === item.id : isDeepStrictEqual(event.item, item);
          if (!sameItem) violations.push(`${what}: acknowledged ${JSON.stringify(item)} but the log has ${JSON.stringify(event.item)}`);
        }
        const now = dbItems.get(item.id);
        if (removedAfter(item.id, events[0]?.id ?? 0)) {
          if (now) violations.push(`${what}: item ${item.id} was removed after it, yet is in the database`);
        } else if (!now) {
          violations.push(`${what}: item ${item.id} is not in the database, and no later event removed it`);
        } else if (attempt.kind === 'update' && (now.version < item.version || (now.version === item.version && !isDeepStrictEqual(now, item)))) {
          violations.push(`${what}: acknowledged ${JSON.stringify(item)}, the database has ${JSON.stringify(now)}`);
        }
        break;
      }
      case 'remove':
        if (events.length !== 1 || event?.type !== 'shopping:item:removed' || event.itemId !== attempt.itemId) {
          violations.push(`${what}: expected one removal of ${attempt.itemId}, the log has ${events.length} events`);
        }
        if (dbItems.has(attempt.itemId!)) violations.push(`${what}: item ${attempt.itemId} is still in the database`);
        break;
      case 'clearChecked': {
        const logged = events.map((stored) => (stored.event.type === 'shopping:item:removed' ? stored.event.itemId : `(${stored.event.type})`));
        if (!isDeepStrictEqual(logged, attempt.removedItemIds)) {
          violations.push(`${what}: it reported removing [${examples(attempt.removedItemIds ?? [])}], the log has [${examples(logged)}]`);
        }
        const left = (attempt.removedItemIds ?? []).filter((id) => dbItems.has(id));
        if (left.length > 0) violations.push(`${what}: cleared items still in the database: ${examples(left)}`);
        break;
      }
    }
  }

  const phantom = [...byClientId.entries()].filter(([clientId, events]) => {
    const attempt = attemptsByClientId.get(clientId);
    return !attempt || events.some((stored) => stored.event.actorId !== attempt.userId);
  });
  if (phantom.length > 0) violations.push(`item events no member's attempt explains: clientIds ${examples(phantom.map(([clientId]) => clientId))}`);

  for (const { householdId, listId } of facts.households) {
    const anomalies: string[] = [];
    const history = facts.log.filter((stored) => stored.householdId === householdId).map((stored) => stored.event);
    const folded = foldItems([], history, anomalies);
    for (const anomaly of anomalies) violations.push(`household ${householdId}'s log: ${anomaly}`);
    const difference = itemDifferences(folded, facts.itemsByList.get(listId) ?? []);
    if (difference) violations.push(`household ${householdId}: its event log, folded, differs from the database: ${difference}`);
  }
  return { violations, committedUnanswered };
}

/**
 * 2. Exactly once, in order: the stored events a member received (presence
 * and sync:reset left out) are exactly its household's log entries after the
 * id its subscription started at (the first thing it receives is presence,
 * carrying that id), each once, ids strictly rising, each with the payload
 * the log holds. No sync:reset: nothing was pruned (7 days' retention).
 *
 * 3. Isolation: every event a member received, presence included, belongs to
 * its household, by its payload and by a row of its household's log.
 *
 * 4. Views: the member's snapshot plus the events it received gives exactly
 * the database's items; so does its final getByList.
 */
export function checkDelivery(facts: Facts): { violations: string[]; delivered: number; presence: number } {
  const violations: string[] = [];
  // Ids are numbers in each household's own sequence: a row is found by both.
  const rowKey = (householdId: string, id: number) => `${householdId}:${id}`;
  const logByKey = new Map(facts.log.map((stored) => [rowKey(stored.householdId, stored.id), stored]));
  let delivered = 0;
  let presence = 0;

  for (const member of facts.members) {
    const who = `member ${member.index} (household ${member.householdId})`;
    const [first] = member.received;
    if (!first || first.event.type !== 'household:presence') {
      violations.push(`${who}: the stream did not start with presence (got ${first?.event.type ?? 'nothing'})`);
      continue;
    }
    const start = Number(first.id);
    const resets = member.received.filter((r) => r.event.type === 'sync:reset');
    if (resets.length > 0) violations.push(`${who}: received ${resets.length} sync:reset, at ids ${examples(resets.map((r) => r.id))}`);
    const stored = member.received.filter((r) => !EPHEMERAL.has(r.event.type));
    delivered += stored.length;
    presence += member.received.filter((r) => r.event.type === 'household:presence').length;

    // 3. Isolation.
    // (A presence event's id is the stream's cursor, which names no event of its own: only stored events are looked up.)
    const foreign = member.received.filter(
      (r) => r.event.householdId !== member.householdId || (!EPHEMERAL.has(r.event.type) && !logByKey.has(rowKey(member.householdId, Number(r.id)))),
    );
    if (foreign.length > 0) violations.push(`${who}: received events of another household: ${examples(foreign.map((r) => `${r.id}:${r.event.type}@${r.event.householdId}`))}`);

    // 2. Exactly once, in order.
    const ids = stored.map((r) => Number(r.id));
    const outOfOrder = ids.map((id, i) => [ids[i - 1], id] as const).filter(([before, id], i) => i > 0 && id <= before!);
    if (outOfOrder.length > 0) violations.push(`${who}: ids not strictly rising (a duplicate or a reorder): ${examples(outOfOrder.map(([a, b]) => `${a}→${b}`))}`);
    const expected = facts.log
      .filter((row) => row.householdId === member.householdId && row.id > start && (row.recipientId === null || row.recipientId === member.userId))
      .map((row) => row.id);
    if (!isDeepStrictEqual(ids, expected)) {
      const got = new Set(ids);
      const want = new Set(expected);
      const missing = expected.filter((id) => !got.has(id));
      const extra = ids.filter((id) => !want.has(id));
      violations.push(`${who}: received ${ids.length} stored events after id ${start}, the log has ${expected.length}; missing [${examples(missing)}], not expected [${examples(extra)}]`);
    }
    const altered = stored.filter((r) => {
      const row = logByKey.get(rowKey(member.householdId, Number(r.id)));
      return row && !isDeepStrictEqual(r.event, row.event);
    });
    if (altered.length > 0) violations.push(`${who}: events that differ from the log: ${examples(altered.map((r) => r.id))}`);

    // 4. The member's view.
    const anomalies: string[] = [];
    const view = foldItems(member.snapshot, stored.map((r) => r.event), anomalies);
    for (const anomaly of anomalies) violations.push(`${who}: its stream: ${anomaly}`);
    const dbItems = facts.itemsByList.get(member.listId) ?? [];
    const fromStream = itemDifferences(view, dbItems);
    if (fromStream) violations.push(`${who}: snapshot + stream differs from the database: ${fromStream}`);
    const fromQuery = itemDifferences(member.finalQuery, dbItems);
    if (fromQuery) violations.push(`${who}: final getByList differs from the database: ${fromQuery}`);
  }
  return { violations, delivered, presence };
}

export function check(facts: Facts): Findings {
  const writes = checkAcknowledgedWrites(facts);
  const delivery = checkDelivery(facts);
  return {
    violations: [...writes.violations, ...delivery.violations],
    committedUnanswered: writes.committedUnanswered,
    delivered: delivery.delivered,
    presence: delivery.presence,
  };
}
