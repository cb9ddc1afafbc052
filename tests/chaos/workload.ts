import { TRPCClientError } from '@trpc/client';
import type { HouseholdEvent } from '../../shared/events';
import type { ShoppingItem } from '../../shared/types';
import type { ApiClient } from '../support/clients';

/** A call the server does not answer within this is abandoned: its outcome is unknown. */
const MUTATION_TIMEOUT_MS = 5000;
/** Pause between one member's mutations: about three a second each. */
const THINK_MS: [number, number] = [150, 450];
/** Past this many items a member prefers removing to adding, so lists stay a realistic size. */
const CROWDED_LIST = 30;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type MutationKind = 'add' | 'update' | 'remove' | 'clearChecked';

/**
 * - `acked`: the call resolved; the server committed it.
 * - `rejected`: the server answered with an error code; nothing committed.
 * - `unknown`: no answer (server down, killed mid-call, timeout); it may or may not have committed.
 */
export type Outcome = 'acked' | 'rejected' | 'unknown';

/** One mutation a member made, with a clientId of its own that the server stamps on its events. */
export interface Attempt {
  member: number;
  userId: string;
  householdId: string;
  kind: MutationKind;
  clientId: string;
  /** The item an update or remove targets. */
  itemId?: string;
  input: Record<string, unknown>;
  outcome: Outcome;
  /** The server's error code, for `rejected`. */
  code?: string;
  /** What an acknowledged add or update returned. */
  item?: ShoppingItem;
  /** What an acknowledged clearChecked returned. */
  removedItemIds?: string[];
  /** HTTP calls made for it: an add whose outcome is unknown is sent again with the same clientId until acknowledged. */
  requests: number;
  /** Of those, the calls that got no answer. */
  unanswered: number;
}

/** A member as the workload drives it: HTTP calls for changes, its own stream for what the list looks like. */
export interface Actor {
  index: number;
  userId: string;
  householdId: string;
  listId: string;
  /** Queries and mutations over HTTP. */
  api: ApiClient;
  /** The list as this member's stream shows it. */
  view(): Map<string, ShoppingItem>;
}

/** Items after `events`, starting from `snapshot`; what does not follow (an update of an unknown item, a version skipped) is reported. */
export function foldItems(snapshot: Iterable<ShoppingItem>, events: Iterable<HouseholdEvent>, anomalies: string[] = []): Map<string, ShoppingItem> {
  const items = new Map([...snapshot].map((item) => [item.id, item] as const));
  for (const event of events) {
    switch (event.type) {
      case 'shopping:item:added':
        if (items.has(event.item.id)) anomalies.push(`item ${event.item.id} added twice`);
        items.set(event.item.id, event.item);
        break;
      case 'shopping:item:updated': {
        const before = items.get(event.item.id);
        if (!before) anomalies.push(`update of item ${event.item.id}, which is not on the list`);
        else if (event.item.version !== before.version + 1) anomalies.push(`item ${event.item.id} went from version ${before.version} to ${event.item.version}`);
        items.set(event.item.id, event.item);
        break;
      }
      case 'shopping:item:removed':
        if (!items.delete(event.itemId)) anomalies.push(`removal of item ${event.itemId}, which is not on the list`);
        break;
      default:
        break;
    }
  }
  return items;
}

/** Every member's mutations, in the order they were made. */
export class Ledger {
  readonly attempts: Attempt[] = [];
  requests = 0;

  /** Sends `attempt` once more, and records what became of it. */
  async send(actor: Actor, attempt: Attempt): Promise<void> {
    this.requests++;
    attempt.requests++;
    const options = { signal: AbortSignal.timeout(MUTATION_TIMEOUT_MS) };
    const items = actor.api.shopping.items;
    try {
      switch (attempt.kind) {
        case 'add':
          attempt.item = await items.add.mutate(attempt.input as Parameters<typeof items.add.mutate>[0], options);
          break;
        case 'update':
          attempt.item = await items.update.mutate(attempt.input as Parameters<typeof items.update.mutate>[0], options);
          break;
        case 'remove':
          await items.remove.mutate(attempt.input as Parameters<typeof items.remove.mutate>[0], options);
          break;
        case 'clearChecked':
          attempt.removedItemIds = (await items.clearChecked.mutate(attempt.input as Parameters<typeof items.clearChecked.mutate>[0], options)).removedItemIds;
          break;
      }
      attempt.outcome = 'acked';
    } catch (error) {
      const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
      if (code) attempt.code = code;
      else attempt.unanswered++;
      // A refusal proves nothing committed only if no earlier request went unanswered.
      attempt.outcome = code && attempt.unanswered === 0 ? 'rejected' : 'unknown';
    }
  }

  /**
   * Adds whose outcome is still unknown: they are sent again, with the same
   * clientId, until acknowledged (or refused: then they are left alone).
   */
  unsettledAdds(member?: number): Attempt[] {
    return this.attempts.filter((a) => a.kind === 'add' && a.outcome === 'unknown' && !a.code && (member === undefined || a.member === member));
  }
}

const NAMES = ['milk', 'bread', 'eggs', 'coffee', 'apples', 'rice', 'butter', 'cheese', 'tea', 'soap', 'pasta', 'onions'];

/** One member making random changes to its household's list until `running()` turns false. */
export async function driveMember(actor: Actor, ledger: Ledger, random: () => number, running: () => boolean): Promise<void> {
  let sequence = 0;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const between = ([low, high]: [number, number]) => low + random() * (high - low);

  while (running()) {
    // An add that may not have reached the server goes again first, under the same clientId: idempotent.
    const retry = ledger.unsettledAdds(actor.index)[0];
    if (retry) {
      await ledger.send(actor, retry);
    } else {
      const attempt = nextAttempt(actor, `m${String(actor.index).padStart(2, '0')}-${String(++sequence).padStart(5, '0')}`, random, pick);
      ledger.attempts.push(attempt);
      await ledger.send(actor, attempt);
    }
    await sleep(between(THINK_MS));
  }
}

function nextAttempt(actor: Actor, clientId: string, random: () => number, pick: <T>(values: readonly T[]) => T): Attempt {
  const items = [...actor.view().values()];
  const base = { member: actor.index, userId: actor.userId, householdId: actor.householdId, clientId, outcome: 'unknown' as const, requests: 0, unanswered: 0 };
  const roll = random();
  const addShare = items.length === 0 ? 1 : items.length > CROWDED_LIST ? 0.15 : 0.4;
  if (roll < addShare) {
    const quantity = random() < 0.5 ? null : 1 + Math.floor(random() * 6);
    return { ...base, kind: 'add', input: { listId: actor.listId, name: `${pick(NAMES)} ${clientId}`, quantity, clientId } };
  }
  const target = pick(items);
  if (roll < 0.75) {
    const field = random();
    const change =
      field < 0.55
        ? { checked: !target.checked }
        : field < 0.7
          ? { name: `${pick(NAMES)} ${clientId}` }
          : field < 0.85
            ? { quantity: random() < 0.3 ? null : 1 + Math.floor(random() * 12) }
            : { note: random() < 0.3 ? '' : `note ${clientId}` };
    return { ...base, kind: 'update', itemId: target.id, input: { itemId: target.id, ...change, clientId } };
  }
  if (roll < 0.92) return { ...base, kind: 'remove', itemId: target.id, input: { itemId: target.id, clientId } };
  return { ...base, kind: 'clearChecked', input: { listId: actor.listId, clientId } };
}
