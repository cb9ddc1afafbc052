import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../shared/types';
import { householdAcrossFleet, startFleetProcesses } from '../support/fleet-processes';
import { redisForTests } from '../support/redis-server';

const redis = redisForTests();
/** Adds in flight at once, and in all: enough that the kill falls in the middle of them. */
const CONCURRENT = 8;
const BURST = 80;
/** The kill comes once this many adds are acknowledged. */
const KILL_AFTER = 20;

describe.skipIf(!redis.available)('a server SIGKILLed during a burst of changes', () => {
  it('loses no acknowledged change: each is stored and reaches the member on the other server once', async () => {
    await using fleet = await startFleetProcesses(redis.server().url);
    const { one } = fleet;
    // Alex follows the list on the second server; Sam changes it through the first.
    await using scene = await householdAcrossFleet(fleet);
    const { sam, alex, list, events } = scene;

    const acknowledged: ShoppingItem[] = [];
    let next = 0;
    let killed: Promise<void> | null = null;
    const sender = async () => {
      while (next < BURST) {
        const name = `item ${next++}`;
        try {
          acknowledged.push(await sam.api.shopping.items.add.mutate({ listId: list.id, name }));
        } catch {
          // Unanswered: the server was killed with it in flight. It may or may not have committed.
          return;
        }
        if (acknowledged.length === KILL_AFTER) killed ??= one.kill();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT }, sender));
    await killed;
    expect(one.kills).toBe(1);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(acknowledged.length).toBeLessThan(BURST);

    // Every acknowledged add is in the database the fleet shares ...
    const stored = new Set((await alex.api.shopping.items.getByList.query({ listId: list.id })).map((item) => item.id));
    expect(acknowledged.filter((item) => !stored.has(item.id))).toEqual([]);
    // ... and reached Alex on the other server, once, with nothing more happening in the household.
    const addedIds = () => events.ofType('shopping:item:added').map((event) => event.item.id);
    await events.waitUntil(() => acknowledged.every((item) => addedIds().includes(item.id)), 'every acknowledged add on the other server', 10_000);
    expect(new Set(addedIds()).size).toBe(addedIds().length);
    expect([...addedIds()].every((id) => stored.has(id))).toBe(true);
  }, 60_000);
});
