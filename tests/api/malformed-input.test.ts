import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIMITS } from '../../shared/limits';
import { connectClient, errorCode, refusalOf } from '../support/clients';
import { expectNothingWritten } from '../support/database-contents';
import { countOf, recordEvents } from '../support/event-recorder';
import { householdOfOne } from '../support/household-of-one';
import { openRawSocket } from '../support/raw-socket';

/** Alex's household with milk on its list, so a refused update has an item to aim at. */
async function householdWithMilk() {
  const h = await householdOfOne();
  const milk = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', quantity: 1 });
  return Object.assign(h, { milk });
}

/**
 * The call is refused with `code`, and its message is a sentence a person can
 * read (no JSON dump of zod issues) that names what was wrong.
 */
async function expectRefusal(call: Promise<unknown>, code: string, mentions: RegExp): Promise<void> {
  const refusal = await refusalOf(call);
  expect(refusal.code).toBe(code);
  expectReadable(refusal.message, mentions);
}

function expectReadable(message: string, mentions: RegExp): void {
  expect(message).toMatch(mentions);
  expect(message).not.toMatch(/^\s*[[{]|"code"\s*:|\n/);
  expect(message.length).toBeLessThan(300);
}

/** Bypasses the client's input types, to send what a buggy or hostile caller would. */
const raw = (input: unknown) => input as never;

describe('malformed input', () => {
  it('wrong types and missing fields are BAD_REQUEST with a readable message, and nothing is written', async () => {
    await using h = await householdWithMilk();
    const { items, lists } = h.alex.api.shopping;
    await expectNothingWritten(h.server, async () => {
      await expectRefusal(items.add.mutate(raw({ listId: h.list.id, name: 42 })), 'BAD_REQUEST', /^name: .*expected string/);
      await expectRefusal(items.add.mutate(raw({ listId: h.list.id })), 'BAD_REQUEST', /^name: /);
      await expectRefusal(items.add.mutate(raw({ name: 'eggs' })), 'BAD_REQUEST', /^listId: /);
      await expectRefusal(items.add.mutate(raw({ listId: h.list.id, name: 'eggs', quantity: '2' })), 'BAD_REQUEST', /^quantity: .*expected number/);
      await expectRefusal(items.add.mutate(raw('eggs')), 'BAD_REQUEST', /expected object/);
      await expectRefusal(items.add.mutate(raw({ listId: 7, name: false })), 'BAD_REQUEST', /listId: .*name: /);
      await expectRefusal(items.update.mutate(raw({ itemId: h.milk.id, checked: 'yes' })), 'BAD_REQUEST', /^checked: .*expected boolean/);
      await expectRefusal(items.update.mutate(raw({ itemId: h.milk.id, note: 5 })), 'BAD_REQUEST', /^note: /);
      await expectRefusal(lists.create.mutate(raw({ householdId: h.home.id, name: null })), 'BAD_REQUEST', /^name: /);
      await expectRefusal(h.alex.api.household.create.mutate(raw({})), 'BAD_REQUEST', /^name: /);
      await expectRefusal(h.alex.api.me.update.mutate(raw({ displayName: ['Al'] })), 'BAD_REQUEST', /^displayName: /);
      await expectRefusal(h.alex.api.household.notify.mutate(raw({ householdId: h.home.id, message: 'hi', toUserId: 3 })), 'BAD_REQUEST', /^toUserId: /);
    });
  });

  it('over-long strings are refused at the limits in LIMITS, and nothing is written', async () => {
    await using h = await householdWithMilk();
    const { items, lists } = h.alex.api.shopping;
    const tooLong = (limit: number) => 'x'.repeat(limit + 1);
    await expectNothingWritten(h.server, async () => {
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: tooLong(LIMITS.itemName) }), 'BAD_REQUEST', /^name: Item name can be at most 120 characters\.$/);
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: 'eggs', note: tooLong(LIMITS.itemNote) }), 'BAD_REQUEST', /^note: Note can be at most 500/);
      await expectRefusal(items.update.mutate({ itemId: h.milk.id, name: tooLong(LIMITS.itemName) }), 'BAD_REQUEST', /^name: /);
      await expectRefusal(lists.create.mutate({ householdId: h.home.id, name: tooLong(LIMITS.listName) }), 'BAD_REQUEST', /^name: List name can be at most 80/);
      await expectRefusal(lists.rename.mutate({ listId: h.list.id, name: tooLong(LIMITS.listName) }), 'BAD_REQUEST', /^name: List name/);
      await expectRefusal(h.alex.api.household.rename.mutate({ householdId: h.home.id, name: tooLong(LIMITS.householdName) }), 'BAD_REQUEST', /^name: Household name can be at most 80/);
      await expectRefusal(h.alex.api.me.update.mutate({ displayName: tooLong(LIMITS.displayName) }), 'BAD_REQUEST', /^displayName: Display name can be at most 60/);
      await expectRefusal(h.alex.api.household.notify.mutate({ householdId: h.home.id, message: tooLong(LIMITS.notification) }), 'BAD_REQUEST', /^message: Message can be at most 280/);
      await expectRefusal(h.alex.api.household.join.mutate({ inviteCode: tooLong(LIMITS.inviteCode) }), 'BAD_REQUEST', /^inviteCode: That is not a valid invite code\.$/);
      await expectRefusal(items.update.mutate({ itemId: tooLong(LIMITS.id), checked: true }), 'BAD_REQUEST', /^itemId: itemId is not a valid id\.$/);
      await expectRefusal(items.getByList.query({ listId: tooLong(LIMITS.id) }), 'BAD_REQUEST', /^listId: /);
    });
    // The limit itself is allowed.
    const longest = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'x'.repeat(LIMITS.itemName), note: 'n'.repeat(LIMITS.itemNote) });
    expect(longest.name).toHaveLength(LIMITS.itemName);
    const anonymous = connectClient(h.server.url, null);
    await expectRefusal(anonymous.api.auth.signInLocal.mutate({ displayName: tooLong(LIMITS.displayName) }), 'BAD_REQUEST', /^displayName: /);
    await anonymous.close();
  });

  it('empty and whitespace-only names are refused, and nothing is written', async () => {
    await using h = await householdWithMilk();
    const { items, lists } = h.alex.api.shopping;
    await expectNothingWritten(h.server, async () => {
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: '' }), 'BAD_REQUEST', /^name: Item name cannot be empty\.$/);
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: ' \t\n ' }), 'BAD_REQUEST', /^name: Item name cannot be empty\.$/);
      await expectRefusal(items.update.mutate({ itemId: h.milk.id, name: '   ' }), 'BAD_REQUEST', /^name: Item name cannot be empty\.$/);
      await expectRefusal(lists.create.mutate({ householdId: h.home.id, name: '  ' }), 'BAD_REQUEST', /^name: List name cannot be empty\.$/);
      await expectRefusal(lists.rename.mutate({ listId: h.list.id, name: '' }), 'BAD_REQUEST', /^name: List name cannot be empty\.$/);
      await expectRefusal(h.alex.api.household.create.mutate({ name: '\n' }), 'BAD_REQUEST', /^name: Household name cannot be empty\.$/);
      await expectRefusal(h.alex.api.household.rename.mutate({ householdId: h.home.id, name: ' ' }), 'BAD_REQUEST', /^name: Household name cannot be empty\.$/);
      await expectRefusal(h.alex.api.me.update.mutate({ displayName: '   ' }), 'BAD_REQUEST', /^displayName: Display name cannot be empty\.$/);
      await expectRefusal(h.alex.api.household.notify.mutate({ householdId: h.home.id, message: '  ' }), 'BAD_REQUEST', /^message: Message cannot be empty\.$/);
      await expectRefusal(h.alex.api.household.join.mutate({ inviteCode: '   ' }), 'BAD_REQUEST', /^inviteCode: Invite code cannot be empty\.$/);
      await expectRefusal(items.update.mutate({ itemId: '', checked: true }), 'BAD_REQUEST', /^itemId: itemId is required\.$/);
    });
  });

  it('text with a lone UTF-16 surrogate is refused everywhere, never stored as replacement characters past the limits', async () => {
    await using h = await householdWithMilk();
    const { items, lists } = h.alex.api.shopping;
    const broken = /holds a broken character \(a lone UTF-16 surrogate\)/;
    await expectNothingWritten(h.server, async () => {
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: 'x\uD800y' }), 'BAD_REQUEST', broken);
      // 120 lone surrogates are 120 characters, and would be 360 once stored as UTF-8.
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: '\uDC00'.repeat(LIMITS.itemName) }), 'BAD_REQUEST', broken);
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: 'eggs', note: 'free \uD83D range' }), 'BAD_REQUEST', /^note: Note holds a broken/);
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: 'eggs', unit: '\uD800' }), 'BAD_REQUEST', /^unit: /);
      await expectRefusal(items.update.mutate({ itemId: h.milk.id, category: 'Dairy\uDFFF' }), 'BAD_REQUEST', /^category: /);
      await expectRefusal(lists.rename.mutate({ listId: h.list.id, name: '\uD800' }), 'BAD_REQUEST', broken);
      await expectRefusal(h.alex.api.household.rename.mutate({ householdId: h.home.id, name: 'Home\uD800' }), 'BAD_REQUEST', broken);
      await expectRefusal(h.alex.api.me.update.mutate({ displayName: 'Al\uDBFFex' }), 'BAD_REQUEST', broken);
      await expectRefusal(h.alex.api.household.notify.mutate({ householdId: h.home.id, message: 'bread\uD800' }), 'BAD_REQUEST', broken);
      await expectRefusal(items.suggest.query({ listId: h.list.id, query: 'mi\uD800' }), 'BAD_REQUEST', /^query: /);
      await expectRefusal(h.alex.api.household.join.mutate({ inviteCode: 'ABCD\uD800' }), 'BAD_REQUEST', /^inviteCode: /);
      await expectRefusal(items.update.mutate({ itemId: `${h.milk.id}\uD800`, checked: true }), 'BAD_REQUEST', /^itemId: /);
    });
    // A well-formed pair (an emoji) is text like any other, and comes back as it went.
    const cake = await items.add.mutate({ listId: h.list.id, name: 'cake \uD83C\uDF82' });
    expect(cake.name).toBe('cake 🎂');
    const anonymous = connectClient(h.server.url, null);
    await expectRefusal(anonymous.api.auth.signInLocal.mutate({ displayName: '\uD800\uD800' }), 'BAD_REQUEST', broken);
    await anonymous.close();
  });

  it('names with nothing visible, or with text-direction controls, are refused', async () => {
    await using h = await householdWithMilk();
    const { items, lists } = h.alex.api.shopping;
    const invisible = /has no visible characters\.$/;
    const direction = /cannot contain text-direction control characters\.$/;
    await expectNothingWritten(h.server, async () => {
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: '\u200B\u200C\u200D' }), 'BAD_REQUEST', invisible);
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: '\u2060\uFEFF' }), 'BAD_REQUEST', invisible);
      await expectRefusal(h.alex.api.me.update.mutate({ displayName: '\u200B' }), 'BAD_REQUEST', /^displayName: Display name has no visible/);
      await expectRefusal(lists.create.mutate({ householdId: h.home.id, name: '\u00AD\u034F' }), 'BAD_REQUEST', invisible);
      // "\u202Egnp.exe" shows as "exe.png".
      await expectRefusal(items.add.mutate({ listId: h.list.id, name: '\u202Egnp.exe' }), 'BAD_REQUEST', direction);
      await expectRefusal(h.alex.api.me.update.mutate({ displayName: 'Sam\u2066\u2069' }), 'BAD_REQUEST', direction);
      await expectRefusal(h.alex.api.household.rename.mutate({ householdId: h.home.id, name: 'Home\u202D' }), 'BAD_REQUEST', direction);
    });
    // Scripts written right to left, and joined emoji, are names like any other.
    expect((await items.add.mutate({ listId: h.list.id, name: 'חלב' })).name).toBe('חלב');
    expect((await items.add.mutate({ listId: h.list.id, name: '👩‍👩‍👧 snacks' })).name).toBe('👩‍👩‍👧 snacks');
  });

  it('negative, zero and huge quantities are refused, and nothing is written', async () => {
    await using h = await householdWithMilk();
    const { items } = h.alex.api.shopping;
    await expectNothingWritten(h.server, async () => {
      for (const quantity of [-1, 0, -0.5, LIMITS.maxQuantity + 1, 1e308]) {
        await expectRefusal(items.add.mutate({ listId: h.list.id, name: 'eggs', quantity }), 'BAD_REQUEST', /^quantity: Quantity (must be more than 0|can be at most 9999)\.$/);
        await expectRefusal(items.update.mutate({ itemId: h.milk.id, quantity }), 'BAD_REQUEST', /^quantity: /);
      }
    });
  });

  it('a bad clientId is refused, and nothing is written', async () => {
    await using h = await householdWithMilk();
    const { items } = h.alex.api.shopping;
    const add = (clientId: unknown) => items.add.mutate(raw({ listId: h.list.id, name: 'eggs', clientId }));
    await expectNothingWritten(h.server, async () => {
      await expectRefusal(add('short'), 'BAD_REQUEST', /^clientId: clientId must be at least 8 characters\.$/);
      await expectRefusal(add('has spaces in it'), 'BAD_REQUEST', /^clientId: clientId may contain only letters, digits/);
      await expectRefusal(add('x'.repeat(LIMITS.clientId + 1)), 'BAD_REQUEST', /^clientId: clientId can be at most 64 characters\.$/);
      await expectRefusal(add(12345678), 'BAD_REQUEST', /^clientId: .*expected string/);
      await expectRefusal(items.update.mutate({ itemId: h.milk.id, checked: true, clientId: 'ünïcödé-id' }), 'BAD_REQUEST', /^clientId: /);
    });
  });

  it('unknown ids are NOT_FOUND with a readable message, and nothing is written', async () => {
    await using h = await householdWithMilk();
    const { items, lists } = h.alex.api.shopping;
    const unknown = 'no-such-id-0000';
    await expectNothingWritten(h.server, async () => {
      await expectRefusal(items.add.mutate({ listId: unknown, name: 'eggs' }), 'NOT_FOUND', /^That list does not exist/);
      await expectRefusal(items.getByList.query({ listId: unknown }), 'NOT_FOUND', /^That list does not exist/);
      await expectRefusal(items.update.mutate({ itemId: unknown, checked: true }), 'NOT_FOUND', /^That item does not exist/);
      await expectRefusal(items.remove.mutate({ itemId: unknown }), 'NOT_FOUND', /^That item does not exist/);
      await expectRefusal(items.clearChecked.mutate({ listId: unknown }), 'NOT_FOUND', /^That list does not exist/);
      await expectRefusal(lists.rename.mutate({ listId: unknown, name: 'Other' }), 'NOT_FOUND', /^That list does not exist/);
      await expectRefusal(lists.remove.mutate({ listId: unknown }), 'NOT_FOUND', /^That list does not exist/);
      await expectRefusal(lists.create.mutate({ householdId: unknown, name: 'Other' }), 'NOT_FOUND', /^That household does not exist/);
      await expectRefusal(h.alex.api.household.get.query({ householdId: unknown }), 'NOT_FOUND', /^That household does not exist/);
      await expectRefusal(h.alex.api.household.removeMember.mutate({ householdId: h.home.id, userId: unknown }), 'NOT_FOUND', /not a member/);
      await expectRefusal(h.alex.api.household.notify.mutate({ householdId: h.home.id, message: 'hi', toUserId: unknown }), 'NOT_FOUND', /not a member/);
      await expectRefusal(h.alex.api.household.join.mutate({ inviteCode: 'ZZZZZZZZ' }), 'NOT_FOUND', /invite code/i);
      using stream = recordEvents(h.alex.api, unknown);
      const error = await stream.waitForError();
      expect(errorCode(error)).toBe('NOT_FOUND');
      expectReadable((error as Error).message, /^That household does not exist/);
    });
  });

  it('a malformed lastEventId is BAD_REQUEST for the subscription, and the stream works with a good one', async () => {
    await using h = await householdWithMilk();
    for (const lastEventId of ['abc', '-1', '1.5', '', '9'.repeat(16), '1e3']) {
      using stream = recordEvents(h.alex.api, h.home.id, lastEventId);
      const error = await stream.waitForError();
      expect(errorCode(error)).toBe('BAD_REQUEST');
      expectReadable((error as Error).message, /^lastEventId: lastEventId must be an id received from events\.household\.$/);
      expect(stream.received).toEqual([]);
    }
    using good = recordEvents(h.alex.api, h.home.id, '0');
    await good.waitUntil(...countOf('shopping:item:added', 1));
    expect(good.ofType('shopping:item:added')[0]!.item.id).toBe(h.milk.id);
  });

  it('an update with no fields is BAD_REQUEST and leaves the item as it was', async () => {
    await using h = await householdWithMilk();
    const { update } = h.alex.api.shopping.items;
    await expectNothingWritten(h.server, async () => {
      await expectRefusal(update.mutate({ itemId: h.milk.id }), 'BAD_REQUEST', /^Nothing to update: give at least one of name, quantity, unit, note, category or checked\.$/);
      await expectRefusal(update.mutate({ itemId: h.milk.id, clientId: 'retry-upd-01' }), 'BAD_REQUEST', /^Nothing to update/);
      await expectRefusal(update.mutate(raw({ itemId: h.milk.id, colour: 'blue' })), 'BAD_REQUEST', /^Nothing to update/);
    });
    const [milk] = await h.alex.api.shopping.items.getByList.query({ listId: h.list.id });
    expect(milk).toEqual(h.milk);
  });
});

describe('malformed traffic', () => {
  it('a POST with an invalid JSON body is BAD_REQUEST, writes nothing, and the server keeps serving', async () => {
    await using h = await householdWithMilk();
    await expectNothingWritten(h.server, async () => {
      const response = await fetch(`${h.server.url}/trpc/household.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${h.alex.token}` },
        body: '{"name": "Flat",',
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string; data: { code: string } } };
      // tRPC files an unreadable body under BAD_REQUEST, with the JSON parser's reason.
      expect(body.error.data.code).toBe('BAD_REQUEST');
      expectReadable(body.error.message, /JSON/);
      expect(body.error.data).not.toHaveProperty('stack');
    });
    expect((await h.alex.api.me.get.query()).households).toEqual([{ id: h.home.id, name: 'Home', role: 'owner' }]);
  });

  it('an unknown procedure path is NOT_FOUND over HTTP', async () => {
    await using h = await householdWithMilk();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${h.alex.token}` };
    for (const request of [
      fetch(`${h.server.url}/trpc/shopping.items.destroyEverything`, { method: 'POST', headers, body: '{}' }),
      fetch(`${h.server.url}/trpc/nope?input=${encodeURIComponent('{}')}`, { headers }),
    ]) {
      const response = await request;
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { message: string; data: { code: string } } };
      expect(body.error.data.code).toBe('NOT_FOUND');
      expectReadable(body.error.message, /No procedure found/);
      expect(body.error.data).not.toHaveProperty('stack');
    }
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map((i) => i.name)).toEqual(['milk']);
  });

  it('error responses over HTTP carry no stack trace, whatever refused the call', async () => {
    await using h = await householdWithMilk();
    const post = (path: string, input: unknown, token: string | null = h.alex.token) =>
      fetch(`${h.server.url}/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
    const refusals = [
      { code: 'BAD_REQUEST', response: post('shopping.items.add', { listId: h.list.id, name: '' }) },
      { code: 'NOT_FOUND', response: post('shopping.items.add', { listId: 'no-such-list-00', name: 'eggs' }) },
      { code: 'UNAUTHORIZED', response: post('shopping.items.add', { listId: h.list.id, name: 'eggs' }, null) },
      { code: 'UNAUTHORIZED', response: post('me.update', { displayName: 'Al' }, `${h.alex.token.slice(0, -4)}AAAA`) },
    ];
    for (const { code, response } of refusals) {
      const body = (await (await response).json()) as { error: { message: string; data: Record<string, unknown> } };
      expect(body.error.data.code, code).toBe(code);
      expect(body.error.data.stack, code).toBeUndefined();
      expect(JSON.stringify(body), code).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map((i) => i.name)).toEqual(['milk']);
  });

  it('a WebSocket frame that is not JSON, or names an unknown method or path, gets an error and the socket keeps serving', async () => {
    await using h = await householdWithMilk();
    await using socket = await openRawSocket(h.server.wsUrl, { connectionParams: { token: h.alex.token } });
    let answered = 0;
    const next = () => {
      const index = answered++;
      return socket.waitFor((message) => socket.received.indexOf(message) === index, `answer ${index + 1}`);
    };

    socket.send('this is not JSON');
    expect(await next()).toMatchObject({ id: null, error: { data: { code: 'PARSE_ERROR' } } });
    socket.send(JSON.stringify({ id: 1, method: 'explode', params: { path: 'system.whoami' } }));
    expect(await next()).toMatchObject({ id: null, error: { data: { code: 'PARSE_ERROR' } } });
    socket.send('42');
    expect(await next()).toMatchObject({ id: null, error: { data: { code: 'PARSE_ERROR' } } });
    socket.send(JSON.stringify({ id: 2, method: 'query', params: { path: 'shopping.items.destroyEverything' } }));
    expect(await next()).toMatchObject({ id: 2, error: { data: { code: 'NOT_FOUND' } } });
    socket.send(JSON.stringify({ id: 3, method: 'mutation', params: { path: 'shopping.items.add', input: { listId: h.list.id, name: '' } } }));
    const refused = (await next()) as { id: number; error: { message: string; data: { code: string } } };
    expect(refused).toMatchObject({ id: 3, error: { data: { code: 'BAD_REQUEST' } } });
    expectReadable(refused.error.message, /^name: Item name cannot be empty\.$/);

    // The same socket still answers a well-formed call, as the signed-in user.
    socket.send(JSON.stringify({ id: 4, method: 'query', params: { path: 'system.whoami' } }));
    expect(await next()).toMatchObject({ id: 4, result: { type: 'data', data: { userId: h.alex.user.id, transport: 'websocket' } } });

    // And a normal client subscribes and writes as usual.
    using events = recordEvents(h.alex.api, h.home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'bread' });
    await events.waitUntil(...countOf('shopping:item:added', 1));
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map((i) => i.name)).toEqual(['milk', 'bread']);
  });

  it('a first frame that is not connectionParams is answered with an error, and the server keeps serving', async () => {
    await using h = await householdWithMilk();
    const garbled = new WebSocket(`${h.server.wsUrl}?connectionParams=1`);
    const answer = new Promise<string>((resolve) => garbled.once('message', (data) => resolve(data.toString())));
    const closed = new Promise<number>((resolve) => garbled.once('close', (code) => resolve(code)));
    await new Promise((resolve) => garbled.once('open', resolve));
    garbled.send('{not json');
    expect(JSON.parse(await answer)).toMatchObject({ id: null, error: { data: { code: 'PARSE_ERROR' } } });
    expect(await closed).toBeGreaterThan(0);
    expect((await h.alex.api.me.get.query()).user.id).toBe(h.alex.user.id);
  });
});
