/**
 * A typed HoneyDo client in a few lines: sign in, create or join a household,
 * subscribe to its events, add an item, and see the item come back live.
 *
 *   npm start                                  # in one terminal
 *   npm run example:client                     # creates a household
 *   npm run example:client -- <invite code>    # joins one instead
 *
 * HONEYDO_URL points it at another server (default http://127.0.0.1:3000).
 */
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { AppRouter } from '../shared/api';

const baseUrl = process.env.HONEYDO_URL ?? 'http://127.0.0.1:3000';
const inviteCode = process.argv[2];
let token = '';

// Node 20 has no global WebSocket; the `ws` package stands in for it. Lazy:
// the socket opens with the first subscription, after sign-in, so its
// connectionParams carry the token.
const wsClient = createWSClient({
  url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
  WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  connectionParams: () => ({ token }),
  lazy: { enabled: true, closeMs: 1000 },
});
const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: wsLink({ client: wsClient }),
      false: httpBatchLink({ url: `${baseUrl}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) }),
    }),
  ],
});

const signedIn = await api.auth.signInLocal.mutate({ displayName: 'Example script' });
token = signedIn.token;
const household = inviteCode
  ? await api.household.join.mutate({ inviteCode })
  : await api.household.create.mutate({ name: 'Example household' });
console.log(`household "${household.name}" (invite code ${household.inviteCode})`);

const [list] = await api.shopping.lists.getByHousehold.query({ householdId: household.id });
if (!list) throw new Error('every household has a list');
const clientId = randomUUID();

// The echo of our own add, recognised by its clientId, ends the example.
const done = new Promise<void>((resolve, reject) => {
  const subscription = api.events.household.subscribe(
    { householdId: household.id },
    {
      onStarted: () => void api.shopping.items.add.mutate({ listId: list.id, name: 'milk', quantity: 2, clientId }),
      onData: ({ id, data: event }) => {
        console.log(`event ${id}: ${event.type}`);
        if (event.type === 'shopping:item:added' && event.clientId === clientId) {
          console.log(`live: ${event.item.quantity ?? ''} ${event.item.name} added to "${list.name}"`);
          subscription.unsubscribe();
          resolve();
        }
      },
      onError: reject,
    },
  );
});
await done;
await wsClient.close();
