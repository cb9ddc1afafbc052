import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { countOf, recordEvents } from '../../../tests/support/event-recorder';
import { newHousehold } from '../../../tests/support/household-of-one';
import { signInHouseholdOfTwo } from '../../../tests/support/household-of-two';
import { startServer, type TestServer } from '../../../tests/support/test-server';
import { eventLog, households } from '../../db/schema';
import { pruneBefore } from '../../retention';

/** The numbers of a household's stored events, in the order they were written. */
function seqsOf(server: TestServer, householdId: string): number[] {
  const { db } = server.app.deps;
  return db.select({ seq: eventLog.seq }).from(eventLog).where(eq(eventLog.householdId, householdId)).orderBy(asc(eventLog.id)).all().map(({ seq }) => seq);
}

function eventSeqOf(server: TestServer, householdId: string): number {
  const row = server.app.deps.db.select({ seq: households.eventSeq }).from(households).where(eq(households.id, householdId)).get();
  if (!row) throw new Error(`no household ${householdId}`);
  return row.seq;
}

/** Alex and Sam's home, and a cabin of Alex's whose events interleave with the home's: one add to each, `rounds` times. */
async function twoHouseholdsInterleaved(server: TestServer, rounds: number) {
  const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
  const cabin = await newHousehold(alex);
  for (let round = 0; round < rounds; round++) {
    await sam.api.shopping.items.add.mutate({ listId: list.id, name: `home ${round}` });
    await alex.api.shopping.items.add.mutate({ listId: cabin.list.id, name: `cabin ${round}` });
  }
  return { alex, sam, home, list, cabin: cabin.home, cabinList: cabin.list };
}

const ascending = (count: number, from = 1) => Array.from({ length: count }, (_, index) => from + index);

describe("each household's own event sequence", () => {
  it('numbers a new household’s events 1, 2, 3… whatever other households write meanwhile, and a stream resumes by its household’s numbers', async () => {
    await using server = await startServer();
    const { alex, sam, home, list, cabin } = await twoHouseholdsInterleaved(server, 4);

    const homeSeqs = seqsOf(server, home.id);
    const cabinSeqs = seqsOf(server, cabin.id);
    expect(homeSeqs).toEqual(ascending(homeSeqs.length));
    expect(cabinSeqs).toEqual(ascending(cabinSeqs.length));
    expect(eventSeqOf(server, home.id)).toBe(homeSeqs.length);
    expect(eventSeqOf(server, cabin.id)).toBe(cabinSeqs.length);
    // The adds alternated: the global ids interleave, the numbers do not.
    expect(homeSeqs.length).toBeGreaterThanOrEqual(4);
    expect(cabinSeqs.length).toBeGreaterThanOrEqual(4);

    // From just before the home's last two adds: exactly those, under the home's next numbers.
    const resumeFrom = eventSeqOf(server, home.id) - 2;
    const resumed = recordEvents(alex.api, home.id, String(resumeFrom));
    await resumed.waitUntil(...countOf('household:presence', 1));
    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'live' });
    await resumed.waitUntil(...countOf('shopping:item:added', 3));
    const added = resumed.received.filter((r) => r.event.type === 'shopping:item:added');
    expect(added.map((r) => (r.event.type === 'shopping:item:added' ? r.event.item.name : null))).toEqual(['home 2', 'home 3', 'live']);
    expect(added.map((r) => Number(r.id))).toEqual(ascending(3, resumeFrom + 1));
    expect(resumed.received.filter((r) => r.event.type === 'sync:reset')).toEqual([]);
    resumed.stop();
    await Promise.all([alex.close(), sam.close()]);
  });

  it('a cursor beyond its household’s sequence resets, though another household has numbers that high', async () => {
    await using server = await startServer();
    const { alex, sam, home, cabinList } = await twoHouseholdsInterleaved(server, 1);
    for (const name of ['a', 'b', 'c', 'd', 'e']) await alex.api.shopping.items.add.mutate({ listId: cabinList.id, name });

    const ahead = eventSeqOf(server, home.id) + 1;
    const resumed = recordEvents(alex.api, home.id, String(ahead));
    await resumed.waitUntil(...countOf('sync:reset', 1));
    expect(resumed.received[0]!.event).toMatchObject({ type: 'sync:reset', reason: 'unknown-event-id', householdId: home.id });
    expect(resumed.received[0]!.id).toBe(String(eventSeqOf(server, home.id)));
    resumed.stop();
    await Promise.all([alex.close(), sam.close()]);
  });

  it('a cursor below what was pruned of its household resets; one at its sequence resumes with what comes next', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await twoHouseholdsInterleaved(server, 2);
    pruneBefore(server.app.deps.db, Date.now() + 1);
    expect(seqsOf(server, home.id)).toEqual([]);
    const latest = eventSeqOf(server, home.id);

    const stale = recordEvents(alex.api, home.id, String(latest - 1));
    await stale.waitUntil(...countOf('sync:reset', 1));
    expect(stale.received[0]!.event).toMatchObject({ type: 'sync:reset', reason: 'retention', householdId: home.id });
    stale.stop();

    const current = recordEvents(alex.api, home.id, String(latest));
    await current.waitUntil(...countOf('household:presence', 1));
    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'after' });
    await current.waitUntil(...countOf('shopping:item:added', 1));
    expect(current.received.filter((r) => r.event.type === 'sync:reset')).toEqual([]);
    expect(current.received.find((r) => r.event.type === 'shopping:item:added')?.id).toBe(String(latest + 1));
    current.stop();
    await Promise.all([alex.close(), sam.close()]);
  });
});
