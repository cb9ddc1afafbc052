import { createTRPCClient, createWSClient, httpBatchLink, httpSubscriptionLink, splitLink, wsLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { AppRouter } from '../../shared/api';
import { countOf, recordEvents } from '../../tests/support/event-recorder';
import { itemEvents, signInHouseholdOfTwo } from '../../tests/support/household-of-two';
import { startServer } from '../../tests/support/test-server';
import { bearerEventSource } from './bearer-event-source';
import type { Transport } from './connection-monitor';
import { movingSubscriptionLink } from './subscription-transport';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The part of the connection monitor the link reads, switched by hand. */
function handSwitch() {
  let transport: Transport = 'websocket';
  const listeners = new Set<() => void>();
  const sseStates: (string | null)[] = [];
  return {
    getTransport: () => transport,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    streamState: (_stream: object, state: string | null) => void sseStates.push(state),
    sseStates,
    set(next: Transport) {
      transport = next;
      listeners.forEach((listener) => listener());
    },
  };
}

describe('subscriptions that move between the WebSocket and SSE', () => {
  it('moved back and forth while a member adds items, get every event once and in order, with ever-rising ids', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    const transports = handSwitch();
    const wsClient = createWSClient({
      url: server.wsUrl,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      connectionParams: () => ({ token: alex.token }),
    });
    const headers = () => ({ authorization: `Bearer ${alex.token}` });
    const api = createTRPCClient<AppRouter>({
      links: [
        movingSubscriptionLink(transports),
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: splitLink({
            condition: () => transports.getTransport() === 'sse',
            true: httpSubscriptionLink({ url: `${server.url}/trpc`, EventSource: bearerEventSource(async () => alex.token) }),
            false: wsLink({ client: wsClient }),
          }),
          false: httpBatchLink({ url: `${server.url}/trpc`, headers }),
        }),
      ],
    });
    using events = recordEvents(api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));

    const added: string[] = [];
    const adding = (async () => {
      for (let i = 0; i < 40; i++) {
        const name = `item ${i}`;
        await sam.api.shopping.items.add.mutate({ listId: list.id, name });
        added.push(name);
        await sleep(25);
      }
    })();
    for (const next of ['sse', 'websocket', 'sse', 'websocket', 'sse'] as const) {
      await sleep(250);
      transports.set(next);
    }
    await adding;
    await events.waitUntil(() => itemEvents(events).length >= added.length, 'every item', 10_000);
    await sleep(300);

    expect(itemEvents(events).map((event) => (event.type === 'shopping:item:added' ? event.item.name : null))).toEqual(added);
    const itemIds = events.received.filter(({ event }) => event.type === 'shopping:item:added').map(({ id }) => Number(id));
    expect(itemIds).toEqual([...itemIds].sort((a, b) => a - b));
    expect(new Set(itemIds).size).toBe(itemIds.length);
    // Each SSE spell was reported open, and let go when it moved.
    expect(transports.sseStates.filter((state) => state === 'pending').length).toBeGreaterThanOrEqual(3);
    expect(transports.sseStates.filter((state) => state === null).length).toBeGreaterThanOrEqual(2);
    expect(events.errors).toEqual([]);
    await wsClient.close();
    await Promise.all([alex.close(), sam.close()]);
  });
});
