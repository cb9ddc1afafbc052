import { describe, expect, it, vi } from 'vitest';
import { itemEvents, householdOfTwo } from '../../tests/support/household-of-two';
import type { SyncFile } from './wal-sync';

const STALL_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A disk whose chosen sync of the WAL takes STALL_MS longer: the stall a real disk has now and then (docs/PERFORMANCE.md). */
function stallingDisk() {
  let syncs = 0;
  let stallAt = 0;
  let stallStarted = () => {};
  const stalled = new Promise<void>((resolve) => (stallStarted = resolve));
  const sync: SyncFile = async (file) => {
    syncs++;
    if (syncs === stallAt) {
      stallStarted();
      await sleep(STALL_MS);
    }
    await file.datasync();
  };
  return {
    sync,
    syncs: () => syncs,
    /** The sync after the next one stalls; `stalled` resolves when it begins. */
    stallTheOneAfterNext: () => (stallAt = syncs + 2),
    stalled,
  };
}

describe('a commit that waits on the disk', () => {
  it('holds up only the writes behind it: meanwhile queries and /healthz answer, and an event committed before it reaches its subscriber', async () => {
    const disk = stallingDisk();
    await using household = await householdOfTwo({ syncWal: disk.sync });
    const { alex, list, samEvents, server } = household;

    disk.stallTheOneAfterNext();
    const syncsBefore = disk.syncs();
    const milk = alex.api.shopping.items.add.mutate({ listId: list.id, name: 'Milk' });
    // Milk's sync has begun: eggs, written from now on, waits for the next one, which stalls.
    await vi.waitFor(() => expect(disk.syncs()).toBe(syncsBefore + 1));
    const eggsSent = performance.now();
    let eggsAnswered = false;
    const eggs = alex.api.shopping.items.add.mutate({ listId: list.id, name: 'Eggs' }).finally(() => (eggsAnswered = true));
    await disk.stalled;

    const [items, health] = await Promise.all([
      alex.api.shopping.items.getByList.query({ listId: list.id }),
      fetch(`${server.url}/healthz`),
      samEvents.waitUntil((received) => received.some(({ event }) => event.type === 'shopping:item:added' && event.item.name === 'Milk'), 'Milk added'),
      milk,
    ]);
    expect(eggsAnswered).toBe(false);
    expect(health.status).toBe(200);
    // A query reads what is written: Eggs is there, though its writer is not told and nobody is sent its event until the disk has it.
    expect(items.map(({ name }) => name)).toEqual(['Milk', 'Eggs']);
    expect(itemEvents(samEvents).map((event) => event.type === 'shopping:item:added' && event.item.name)).toEqual(['Milk']);

    expect((await eggs).name).toBe('Eggs');
    expect(performance.now() - eggsSent).toBeGreaterThanOrEqual(STALL_MS);
    await samEvents.waitUntil((received) => received.some(({ event }) => event.type === 'shopping:item:added' && event.item.name === 'Eggs'), 'Eggs added');
  });
});
