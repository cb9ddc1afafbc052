import { describe, expect, it } from 'vitest';
import type { DigestEvent } from '../../../shared/push';
import type { ShoppingItem } from '../../../shared/types';
import { composeDigest, composeNudge, MAX_NOTICE_BODY, type NudgeEvent } from './compose-notice';

const names = { household: 'Home', people: new Map([['sam', 'Sam'], ['jo', 'Jo']]) };
const at = '2026-01-01T10:00:00.000Z';
const item = (name: string, checked = false) => ({ id: `id-${name}`, name, checked }) as ShoppingItem;
const meta = (actorId: string) => ({ householdId: 'h', actorId, at });
const added = (actorId: string, name: string): DigestEvent => ({ type: 'shopping:item:added', listId: 'l', item: item(name), ...meta(actorId) });
const ticked = (actorId: string, name: string): DigestEvent => ({ type: 'shopping:item:updated', listId: 'l', item: item(name, true), fields: ['checked'], ...meta(actorId) });
const cleared = (actorId: string): DigestEvent => ({ type: 'shopping:item:removed', listId: 'l', itemId: 'x', reason: 'cleared', ...meta(actorId) });
const nudge = (message: string, toUserId: string | null = null): NudgeEvent => ({ type: 'system:notification', level: 'info', message, toUserId, ...meta('sam') });

describe('the words of a pushed notice', () => {
  it('says per person what they changed: names of added items, ticks, clears', () => {
    const changes = [added('sam', 'milk'), added('sam', 'eggs'), added('sam', 'bread'), added('sam', 'jam'), ticked('jo', 'coffee'), cleared('jo'), cleared('jo')];
    const notice = composeDigest({ householdId: 'h', names, details: true, changes, nudges: [] });
    expect(notice.body).toBe('Sam added milk, eggs and 2 more\nJo ticked coffee; cleared 2 checked items');
    expect(notice).toMatchObject({ title: 'Home', listId: 'l', counts: { 'shopping:item:added': 4, 'shopping:item:updated': 1, 'shopping:item:removed': 2 } });
  });

  it('without details, counts and people only', () => {
    const notice = composeDigest({ householdId: 'h', names, details: false, changes: [added('sam', 'milk')], nudges: [nudge('bring wine'), nudge('and cheese')] });
    expect(notice.body).toBe('Sam made 1 change to the list\nSam sent 2 nudges');
    expect(JSON.stringify(notice)).not.toMatch(/milk|wine|cheese|Home/);
  });

  it('a nudge names its sender and household; without details only that there is one', () => {
    expect(composeNudge(nudge('can you grab bread?', 'alex'), names, true)).toMatchObject({ title: 'Sam · Home', body: 'can you grab bread?', event: { message: 'can you grab bread?' } });
    const bare = composeNudge(nudge('can you grab bread?', 'alex'), names, false);
    expect(bare).toMatchObject({ title: 'HoneyDo', body: 'Sam sent you a nudge' });
    expect(bare.event).toBeUndefined();
  });

  it('keeps a long digest within its bound', () => {
    const changes = Array.from({ length: 40 }, (_, n) => ticked(n % 2 ? 'sam' : 'jo', `item ${'x'.repeat(100)} ${n}`));
    const people = new Map(Array.from({ length: 40 }, (_, n) => [`p${n}`, 'N'.repeat(60)]));
    const many = Array.from({ length: 40 }, (_, n) => added(`p${n}`, 'y'.repeat(120)));
    expect(composeDigest({ householdId: 'h', names: { household: 'Home', people }, details: true, changes: [...changes, ...many], nudges: [] }).body.length).toBeLessThanOrEqual(MAX_NOTICE_BODY);
  });
});
