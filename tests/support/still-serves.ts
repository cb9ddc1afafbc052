import { signIn } from './clients';
import { countOf, recordEvents } from './event-recorder';
import type { TestServer } from './test-server';

/** After whatever a test threw at `server`, a fresh member still signs in, subscribes, writes and receives their own change. */
export async function expectStillServes(server: TestServer): Promise<void> {
  await using fresh = await signIn(server.url, 'Fresh');
  const own = await fresh.api.household.create.mutate({ name: 'Elsewhere' });
  const [ownList] = await fresh.api.shopping.lists.getByHousehold.query({ householdId: own.id });
  if (!ownList) throw new Error('a new household should have a list');
  using events = recordEvents(fresh.api, own.id);
  await events.waitUntil(...countOf('household:presence', 1));
  await fresh.api.shopping.items.add.mutate({ listId: ownList.id, name: 'proof' });
  await events.waitUntil(...countOf('shopping:item:added', 1));
}
