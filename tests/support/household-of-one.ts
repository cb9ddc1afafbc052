import { signIn, type Member } from './clients';
import { startServer, type ConfigOverrides } from './test-server';

/** Home, a household `member` creates, and the list it starts with. */
export async function newHousehold(member: Pick<Member, 'api'>) {
  const home = await member.api.household.create.mutate({ name: 'Home' });
  const [list] = await member.api.shopping.lists.getByHousehold.query({ householdId: home.id });
  if (!list) throw new Error('a new household should have a list');
  return { home, list };
}

/**
 * A server, and Alex alone in a household with its first list. No WebSocket
 * is open until a test opens one. `await using` closes it all.
 */
export async function householdOfOne(overrides: ConfigOverrides = {}) {
  const server = await startServer(overrides);
  const alex = await signIn(server.url, 'Alex');
  const { home, list } = await newHousehold(alex);
  return {
    server,
    alex,
    home,
    list,
    async [Symbol.asyncDispose]() {
      await alex.close();
      await server[Symbol.asyncDispose]();
    },
  };
}
