import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, refusalOf, signIn, type Member } from '../../../tests/support/clients';
import { countOf, recordEvents } from '../../../tests/support/event-recorder';
import { newHousehold } from '../../../tests/support/household-of-one';
import { startPushService, type TestDevice } from '../../../tests/support/push-service';
import { startServer, type TestServer } from '../../../tests/support/test-server';
import { pushSubscriptions } from '../../db/schema';

/** Short enough for a test, long enough that a burst of changes falls inside one window. */
const DIGEST_MS = 400;

let pushService: Awaited<ReturnType<typeof startPushService>>;
beforeAll(async () => {
  pushService = await startPushService();
});
afterAll(() => pushService.close());

/** A server whose members' devices subscribe at the test's push service. */
function startPushServer(): Promise<TestServer> {
  return startServer({ push: { digestMs: DIGEST_MS, serviceHosts: ['127.0.0.1'] }, pushServiceForTests: { ca: pushService.ca } });
}

/** Alex, with no connection open (the app closed on the phone), gets notices from Home on one device; Sam changes the list. */
async function alexAwaySamShopping(server: TestServer, settings: { mode: 'everything' | 'digest'; details?: boolean } = { mode: 'everything' }) {
  const alex = await signIn(server.url, 'Alex');
  const sam = await signIn(server.url, 'Sam');
  const { home, list } = await newHousehold(alex);
  await sam.api.household.join.mutate({ inviteCode: home.inviteCode });
  const alexPhone = pushService.device('alex-phone');
  await alex.api.push.subscribe.mutate(alexPhone.subscription);
  await alex.api.push.settings.mutate({ householdId: home.id, ...settings });
  return { alex, sam, home, list, alexPhone };
}

const closeAll = (...members: Member[]) => Promise.all(members.map((member) => member.close()));

/** Nothing more arrives at `device` for a whole digest window and a bit. */
async function expectNoMoreThan(device: TestDevice, count: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, DIGEST_MS * 2));
  expect(device.received).toHaveLength(count);
}

describe('web push', () => {
  it('sends a member who is away one encrypted digest of what another member changed, with its TTL, urgency and VAPID signature', async () => {
    await using server = await startPushServer();
    const { alex, sam, home, list, alexPhone } = await alexAwaySamShopping(server);
    const { publicKey } = await alex.api.push.getSettings.query({ householdId: home.id });

    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'milk' });
    const [push] = await pushService.waitFor(alexPhone, 1);

    expect(push?.notice).toMatchObject({
      v: 1,
      kind: 'digest',
      householdId: home.id,
      listId: list.id,
      title: 'Home',
      body: 'Sam added milk',
      tag: `digest:${home.id}`,
      counts: { 'shopping:item:added': 1 },
    });
    expect(push).toMatchObject({ ttl: 12 * 3600, urgency: 'normal', contentEncoding: 'aes128gcm' });
    expect(push?.vapid).toMatchObject({ aud: pushService.url, sub: server.config.push.vapidSubject, publicKey });
    expect(push?.vapid.exp).toBeGreaterThan(Date.now() / 1000);
    expect(push?.vapid.exp).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 3600);
    await closeAll(alex, sam);
  });

  it('batches a burst of changes into one notice per member per window, and leaves out the member’s own changes', async () => {
    await using server = await startPushServer();
    const { alex, sam, list, alexPhone } = await alexAwaySamShopping(server, { mode: 'digest' });

    for (const name of ['milk', 'eggs', 'bread', 'butter']) await sam.api.shopping.items.add.mutate({ listId: list.id, name });
    await alex.api.shopping.items.add.mutate({ listId: list.id, name: 'coffee' });
    const [first] = await pushService.waitFor(alexPhone, 1);
    expect(first?.notice.body).toBe('Sam added milk, eggs and 2 more');
    await expectNoMoreThan(alexPhone, 1);

    const milk = (await sam.api.shopping.items.getByList.query({ listId: list.id })).find((item) => item.name === 'milk');
    await sam.api.shopping.items.update.mutate({ itemId: milk?.id ?? '', checked: true });
    const [, second] = await pushService.waitFor(alexPhone, 2);
    expect(second?.notice.body).toBe('Sam ticked milk');
    await closeAll(alex, sam);
  });

  it('pushes nothing to a member while they have the household open, nor their own changes', async () => {
    await using server = await startPushServer();
    const { alex, sam, list, home, alexPhone } = await alexAwaySamShopping(server);
    const samPhone = pushService.device('sam-phone');
    await sam.api.push.subscribe.mutate(samPhone.subscription);
    await sam.api.push.settings.mutate({ householdId: home.id, mode: 'everything' });
    using alexOpen = recordEvents(alex.api, home.id);
    await alexOpen.waitUntil(...countOf('household:presence', 1));

    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'milk' });
    await expectNoMoreThan(alexPhone, 0);
    expect(samPhone.received).toHaveLength(0);
    await closeAll(alex, sam);
  });

  it('keeps nothing of a household while nobody wants its notices: the first digest after turning them on is news from then on', async () => {
    await using server = await startPushServer();
    const { alex, sam, home, list, alexPhone } = await alexAwaySamShopping(server);
    await alex.api.push.settings.mutate({ householdId: home.id, mode: 'off' });
    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'milk' });
    await expectNoMoreThan(alexPhone, 0);

    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'eggs' });
    await alex.api.push.settings.mutate({ householdId: home.id, mode: 'digest' });
    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'bread' });
    const [push] = await pushService.waitFor(alexPhone, 1);
    expect(push?.notice.body).toBe('Sam added bread');
    await closeAll(alex, sam);
  });

  it('without details, a notice holds no item text, list or household name, nor the nudge’s words', async () => {
    await using server = await startPushServer();
    const { alex, sam, home, list, alexPhone } = await alexAwaySamShopping(server, { mode: 'everything', details: false });

    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'secret pickles' });
    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'more pickles' });
    await sam.api.household.notify.mutate({ householdId: home.id, message: 'the pickles are for the party', toUserId: alex.user.id });
    const pushes = await pushService.waitFor(alexPhone, 2);

    const nudge = pushes.find((push) => push.notice.kind === 'nudge');
    const digest = pushes.find((push) => push.notice.kind === 'digest');
    expect(nudge?.notice).toMatchObject({ title: 'HoneyDo', body: 'Sam sent you a nudge' });
    expect(digest?.notice).toMatchObject({ title: 'HoneyDo', body: 'Sam made 2 changes to the list' });
    for (const push of pushes) expect(JSON.stringify(push.notice)).not.toMatch(/pickles|party|Home|Shopping/);
    await closeAll(alex, sam);
  });

  it('pushes a nudge to its one recipient at once; a member on digests gets it in the next digest', async () => {
    await using server = await startPushServer();
    const { alex, sam, home, alexPhone } = await alexAwaySamShopping(server);
    const jo = await signIn(server.url, 'Jo');
    await jo.api.household.join.mutate({ inviteCode: home.inviteCode });
    const joPhone = pushService.device('jo-phone');
    await jo.api.push.subscribe.mutate(joPhone.subscription);
    await jo.api.push.settings.mutate({ householdId: home.id, mode: 'digest' });

    await sam.api.household.notify.mutate({ householdId: home.id, message: 'can you grab bread?', toUserId: alex.user.id });
    const [atOnce] = await pushService.waitFor(alexPhone, 1, DIGEST_MS / 2);
    expect(atOnce).toMatchObject({ ttl: 4 * 3600, urgency: 'high' });
    expect(atOnce?.notice).toMatchObject({ kind: 'nudge', title: 'Sam · Home', body: 'can you grab bread?', event: { type: 'system:notification', toUserId: alex.user.id } });
    await expectNoMoreThan(alexPhone, 1);
    expect(joPhone.received).toHaveLength(0);

    await sam.api.household.notify.mutate({ householdId: home.id, message: 'dinner at 8' });
    const [digest] = await pushService.waitFor(joPhone, 1);
    expect(digest?.notice).toMatchObject({ kind: 'digest', body: 'Sam: dinner at 8' });
    await closeAll(alex, sam, jo);
  });

  it('removes a subscription its push service answers 410 Gone for, and sends it nothing more', async () => {
    await using server = await startPushServer();
    const { alex, sam, list, alexPhone } = await alexAwaySamShopping(server);
    alexPhone.answer(410);
    const before = pushService.requests;

    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'milk' });
    await expect.poll(() => server.app.deps.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, alex.user.id)).all()).toEqual([]);
    expect(pushService.requests).toBe(before + 1);
    await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'eggs' });
    await new Promise((resolve) => setTimeout(resolve, DIGEST_MS * 2));
    expect(pushService.requests).toBe(before + 1);
    await closeAll(alex, sam);
  });

  it('refuses endpoints that are not https URLs of a push service, and keeps at most a handful of devices per member', async () => {
    await using server = await startPushServer();
    const alex = await signIn(server.url, 'Alex');
    const keys = pushService.device('keys').subscription.keys;
    const refused = ['http://127.0.0.1/x', 'https://10.0.0.5/x', 'https://[::1]/x', 'https://push.example.com/x', 'https://user:pw@127.0.0.1/x'];
    for (const endpoint of refused) {
      expect(await codeOf(alex.api.push.subscribe.mutate({ endpoint, keys })), endpoint).toBe('BAD_REQUEST');
    }
    expect((await refusalOf(alex.api.push.subscribe.mutate({ endpoint: 'https://push.example.com/x', keys }))).message).toMatch(/not a known push service/);
    expect(await codeOf(alex.api.push.subscribe.mutate({ endpoint: `${pushService.url}/x`, keys: { ...keys, auth: 'short' } }))).toBe('BAD_REQUEST');

    const devices = Array.from({ length: server.config.push.subscriptionsPerUser + 2 }, (_, n) => pushService.device(`device-${n}`));
    for (const device of devices) await alex.api.push.subscribe.mutate(device.subscription);
    const kept = server.app.deps.db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).all();
    expect(kept.map((row) => row.endpoint).sort()).toEqual(devices.slice(2).map((device) => device.subscription.endpoint).sort());
    await alex.close();
  });

  it('a subscription belongs to one member: another cannot remove it, and a browser that signs in as someone else moves to them', async () => {
    await using server = await startPushServer();
    const alex = await signIn(server.url, 'Alex');
    const sam = await signIn(server.url, 'Sam');
    const device = pushService.device('shared-tablet');
    await alex.api.push.subscribe.mutate(device.subscription);
    expect(await sam.api.push.unsubscribe.mutate({ endpoint: device.subscription.endpoint })).toEqual({ removed: false });
    const owner = () => server.app.deps.db.select({ userId: pushSubscriptions.userId }).from(pushSubscriptions).all();
    expect(owner()).toEqual([{ userId: alex.user.id }]);

    await sam.api.push.subscribe.mutate(device.subscription);
    expect(owner()).toEqual([{ userId: sam.user.id }]);
    expect(await sam.api.push.unsubscribe.mutate({ endpoint: device.subscription.endpoint })).toEqual({ removed: true });
    expect(owner()).toEqual([]);
    await closeAll(alex, sam);
  });

  it('settings are per member and household, for members only', async () => {
    await using server = await startPushServer();
    const alex = await signIn(server.url, 'Alex');
    const jo = await signIn(server.url, 'Jo');
    const { home } = await newHousehold(alex);
    expect(await alex.api.push.getSettings.query({ householdId: home.id })).toMatchObject({ mode: 'off', details: true });
    expect(await alex.api.push.settings.mutate({ householdId: home.id, mode: 'digest', details: false })).toEqual({ mode: 'digest', details: false });
    expect(await alex.api.push.settings.mutate({ householdId: home.id, mode: 'everything' })).toEqual({ mode: 'everything', details: false });
    expect(await codeOf(jo.api.push.settings.mutate({ householdId: home.id, mode: 'everything' }))).toBe('FORBIDDEN');
    expect(await codeOf(jo.api.push.getSettings.query({ householdId: home.id }))).toBe('FORBIDDEN');
    expect(await codeOf(alex.api.push.settings.mutate({ householdId: home.id, mode: 'loud' as 'off' }))).toBe('BAD_REQUEST');
    await closeAll(alex, jo);
  });

  it('generates its VAPID key pair once and keeps it in the data folder across a restart', async () => {
    const first = await startPushServer();
    const alex = await signIn(first.url, 'Alex');
    const { home } = await newHousehold(alex);
    const { publicKey } = await alex.api.push.getSettings.query({ householdId: home.id });
    await alex.close();
    await using second = await first.restart();
    const again = await signIn(second.url, 'Alex');
    const { home: other } = await newHousehold(again);
    expect((await again.api.push.getSettings.query({ householdId: other.id })).publicKey).toBe(publicKey);
    expect(publicKey).toMatch(/^[\w-]{87}$/);
    await again.close();
  });
});
