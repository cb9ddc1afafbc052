import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { newHousehold } from '../../tests/support/household-of-one';
import { signIn } from '../../tests/support/clients';
import { startServer } from '../../tests/support/test-server';
import { trpcHttpHandlers } from './http-server';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function listen(handler: Handler): Promise<{ url: string } & AsyncDisposable> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a client reads of an answer: status, the headers that matter, and the body. */
async function answerTo(baseUrl: string, path: string, body: string, token: string | null) {
  const response = await fetch(`${baseUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: response.status, contentType: response.headers.get('content-type'), vary: response.headers.get('vary'), body: await response.text() };
}

describe('mutations over HTTP', () => {
  it('are answered byte for byte as tRPC’s adapter answers them: results, refusals, batches with both, and bodies it cannot read', async () => {
    await using server = await startServer();
    const alex = await signIn(server.url, 'Alex');
    const { list } = await newHousehold(alex);
    const { adapter, mutations } = trpcHttpHandlers(server.app.deps);
    const handled: string[] = [];
    await using viaAdapter = await listen((req, res) => void adapter(req, res));
    await using viaMutationPath = await listen((req, res) => {
      if (mutations(req, res, req.url ?? '/')) handled.push(req.url ?? '/');
      else void adapter(req, res);
    });

    const add = (clientId: string, name: string) => JSON.stringify({ listId: list.id, name, clientId });
    const cases: { path: string; body: string; token: string | null; handledHere: boolean }[] = [
      // The adapter applies it first; the second answer is the receipt's, the same answer.
      { path: 'shopping.items.add', body: add('client-1', 'Milk'), token: alex.token, handledHere: true },
      { path: 'shopping.items.add', body: JSON.stringify({ listId: list.id, name: '' }), token: alex.token, handledHere: true },
      { path: 'shopping.items.add', body: add('client-2', 'Eggs'), token: null, handledHere: true },
      { path: 'shopping.items.add', body: JSON.stringify({ listId: 'no-such-list', name: 'Tea' }), token: alex.token, handledHere: true },
      { path: 'shopping.items.add', body: '{"listId":', token: alex.token, handledHere: true },
      { path: 'shopping.items.add,shopping.items.remove?batch=1', body: JSON.stringify({ 0: JSON.parse(add('client-1', 'Milk')), 1: { itemId: 'gone' } }), token: alex.token, handledHere: true },
      { path: 'shopping.items.add,shopping.items.add?batch=1', body: '[1]', token: alex.token, handledHere: true },
      // Left to the adapter: a query, an unknown path.
      { path: 'shopping.items.getByList', body: JSON.stringify({ listId: list.id }), token: alex.token, handledHere: false },
      { path: 'shopping.items.nothing', body: '{}', token: alex.token, handledHere: false },
    ];
    for (const { path, body, token, handledHere } of cases) {
      const before = handled.length;
      const expected = await answerTo(viaAdapter.url, path, body, token);
      expect(await answerTo(viaMutationPath.url, path, body, token), path).toEqual(expected);
      expect(handled.length - before, path).toBe(handledHere ? 1 : 0);
    }
    await alex.close();
  });
});
