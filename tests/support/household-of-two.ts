import type { HouseholdEvent } from '../../shared/events';
import { signIn, type ClientOptions, type Member } from './clients';
import { countOf, recordEvents, type EventRecorder } from './event-recorder';
import { newHousehold } from './household-of-one';
import { startServer, type ConfigOverrides, type TestServer } from './test-server';

type ItemEvent = Extract<HouseholdEvent, { type: 'shopping:item:added' | 'shopping:item:updated' | 'shopping:item:removed' }>;

/** The item events a member received, in order. */
export const itemEvents = (events: EventRecorder): ItemEvent[] => events.ofType('shopping:item:added', 'shopping:item:updated', 'shopping:item:removed');

/**
 * Alex (owner, connected with `alexOptions`) and Sam (member) signed in on
 * `server`, in one household with its first list; neither watches its events
 * yet, and the test closes them.
 */
export async function signInHouseholdOfTwo(server: TestServer, alexOptions?: ClientOptions) {
  const alex = await signIn(server.url, 'Alex', alexOptions);
  const sam = await signIn(server.url, 'Sam');
  const { home, list } = await newHousehold(alex);
  await sam.api.household.join.mutate({ inviteCode: home.inviteCode });
  return { alex, sam, home, list };
}

/**
 * A server, and Alex (owner) and Sam (member) of one household with its first
 * list, each watching the household's events. `await using` closes it all.
 */
export async function householdOfTwo(overrides: ConfigOverrides = {}) {
  const server = await startServer(overrides);
  const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
  const alexEvents = recordEvents(alex.api, home.id);
  const samEvents = recordEvents(sam.api, home.id);
  await Promise.all([alexEvents.waitUntil(...countOf('household:presence', 1)), samEvents.waitUntil(...countOf('household:presence', 1))]);
  let markers = 0;
  return {
    server,
    alex,
    sam,
    home,
    list,
    alexEvents,
    samEvents,
    /**
     * Sends a notification nobody else sends and waits until both members
     * received it: whatever was announced before it has arrived, so what has
     * not arrived by then was never announced.
     */
    async caughtUp(): Promise<void> {
      const message = `marker ${++markers}`;
      await alex.api.household.notify.mutate({ householdId: home.id, message });
      const seen = (received: EventRecorder['received']) => received.some(({ event }) => event.type === 'system:notification' && event.message === message);
      await Promise.all([alexEvents.waitUntil(seen, `the marker "${message}"`), samEvents.waitUntil(seen, `the marker "${message}"`)]);
    },
    async [Symbol.asyncDispose]() {
      alexEvents.stop();
      samEvents.stop();
      await Promise.all([alex.close(), sam.close()]);
      await server[Symbol.asyncDispose]();
    },
  };
}

/**
 * `member` adds items ("item 0", "item 1", …) one at a time for `durationMs`,
 * renewing their token over HTTP after each, as the SPA does in local mode;
 * answers the names added, in order.
 */
export async function keepAddingWhileRenewing(member: Member, listId: string, durationMs: number): Promise<string[]> {
  const added: string[] = [];
  const until = Date.now() + durationMs;
  while (Date.now() < until) {
    const name = `item ${added.length}`;
    await member.api.shopping.items.add.mutate({ listId, name });
    added.push(name);
    member.setToken((await member.api.auth.renewLocal.mutate()).token);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return added;
}
