import { request as httpRequest } from 'node:http';
import { expect, it } from 'vitest';
import { connectClient, signIn } from '../../tests/support/clients';
import { countOf, recordEvents } from '../../tests/support/event-recorder';
import { openConnections, openRawSocket, request } from '../../tests/support/raw-socket';
import { startServer } from '../../tests/support/test-server';

/** WebSocket close code 1012 "service restart": what `app.close()` (SIGTERM, SIGINT) tells every socket. */
const CLOSE_SERVICE_RESTART = 1012;

/**
 * A POST whose body goes out in two parts, so the server is already handling
 * the request (its headers read) while it waits for the rest.
 */
function postInTwoParts(url: string, token: string, body: string) {
  const req = httpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
  });
  const response = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('error', reject);
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
  });
  const half = Math.floor(body.length / 2);
  const firstPartSent = new Promise<void>((resolve) => req.write(body.slice(0, half), () => resolve()));
  return { firstPartSent, finish: () => req.end(body.slice(half)), response };
}

it('closing the app answers a mutation already in flight, commits it, closes open WebSockets with 1012, and does not wait out the grace period', async () => {
  await using server = await startServer();
  const alex = await signIn(server.url, 'Alex');
  const home = await alex.api.household.create.mutate({ name: 'Home' });
  const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });
  const socket = await openRawSocket(server.wsUrl, { connectionParams: { token: alex.token } });
  socket.send(request(1, 'subscription', 'events.household', { householdId: home.id }));
  await socket.waitFor((message) => message.id === 1 && message.result?.type === 'data', 'the subscription to start');

  const add = postInTwoParts(`${server.url}/trpc/shopping.items.add`, alex.token, JSON.stringify({ listId: list!.id, name: 'milk' }));
  await add.firstPartSent;
  // /healthz is answered after the server read what was sent before it: the add is in flight.
  expect(await openConnections(server.url)).toBe(1);

  const closeStarted = performance.now();
  const closing = server.close();
  add.finish();
  const answer = await add.response;
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ result: { data: { name: 'milk', listId: list!.id, addedBy: alex.user.id } } });
  const closed = await socket.closed;
  expect(closed.code).toBe(CLOSE_SERVICE_RESTART);
  expect(closed.reason).toBe('Server restarting');
  await closing;
  // Its connection is let go once answered, not kept alive until the grace period (5 s) runs out.
  expect(performance.now() - closeStarted).toBeLessThan(2000);
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

  // The add and its event are in the database: a server started on the same data folder has both.
  await using restarted = await server.restart();
  const alexAgain = connectClient(restarted.url, alex.token);
  expect((await alexAgain.api.shopping.items.getByList.query({ listId: list!.id })).map((item) => item.name)).toEqual(['milk']);
  using replay = recordEvents(alexAgain.api, home.id, '0');
  await replay.waitUntil(...countOf('shopping:item:added', 1));
  expect(replay.ofType('shopping:item:added').map((event) => event.item.name)).toEqual(['milk']);
  replay.stop();
  await Promise.all([alex.close(), alexAgain.close()]);
});
