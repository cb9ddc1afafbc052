import { initTRPC, tracked } from '@trpc/server';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { z } from 'zod';

/**
 * The least a tRPC subscription over `ws` costs: the same adapter and
 * keep-alive as HoneyDo, a context from connectionParams, and one
 * subscription that yields once and waits. What HoneyDo holds per connection
 * beyond this is HoneyDo's own.
 */
const t = initTRPC.context<{ signedIn: boolean }>().create();
const router = t.router({
  whoami: t.procedure.query(({ ctx }) => ctx.signedIn),
  events: t.procedure.input(z.object({ householdId: z.string() })).subscription(async function* ({ signal }) {
    yield tracked('0', { type: 'hello' });
    await new Promise((resolve) => signal?.addEventListener('abort', resolve));
  }),
});
const server = createServer();
const wss = new WebSocketServer({ server, path: '/trpc' });
applyWSSHandler({
  wss,
  router,
  keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5000 },
  createContext: ({ info }) => ({ signedIn: typeof info.connectionParams?.token === 'string' }),
});
server.listen(Number(process.env.PORT), '127.0.0.1');
