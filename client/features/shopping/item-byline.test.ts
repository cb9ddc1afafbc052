import { describe, expect, it } from 'vitest';
import { shoppingItem } from '../../test/fixtures';
import { itemByline, RECENT_CHANGE_MS } from './item-byline';

const nameOf = (userId: string) => ({ sam: 'Sam', alex: 'Alex' }[userId] ?? 'a former member');
const changedAt = '2030-01-01T12:00:00.000Z';
const soon = Date.parse(changedAt) + 60_000;
const byline = (overrides: Parameters<typeof shoppingItem>[0], fields?: Parameters<typeof itemByline>[1]['fields'], now = soon) =>
  itemByline(shoppingItem({ createdAt: changedAt, updatedAt: changedAt, ...overrides }), { meId: 'me', now, fields, nameOf });

describe('who changed a row', () => {
  it('names who added it while that is recent', () => {
    expect(byline({ addedBy: 'alex' })).toBe('added by Alex');
  });

  it('names the last change by someone else: ticked, unticked, changed', () => {
    expect(byline({ addedBy: 'me', updatedBy: 'sam', checked: true, checkedBy: 'sam' }, ['checked'])).toBe('ticked by Sam');
    expect(byline({ addedBy: 'me', updatedBy: 'sam', checked: false }, ['checked'])).toBe('unticked by Sam');
    expect(byline({ addedBy: 'me', updatedBy: 'sam' }, ['note'])).toBe('changed by Sam');
    expect(byline({ addedBy: 'me', updatedBy: 'sam', checked: true, checkedBy: 'sam' }, ['note'])).toBe('changed by Sam');
    // A change this page did not see arrive (it came before a reload): only a tick can be told from the item.
    expect(byline({ addedBy: 'me', updatedBy: 'sam' })).toBe('changed by Sam');
    expect(byline({ addedBy: 'me', updatedBy: 'sam', checked: true, checkedBy: 'sam' })).toBe('ticked by Sam');
  });

  it('says nothing about your own changes', () => {
    expect(byline({ addedBy: 'me' })).toBeNull();
    expect(byline({ addedBy: 'alex', updatedBy: 'me' }, ['note'])).toBeNull();
    expect(byline({ addedBy: 'alex', updatedBy: 'me', checked: true, checkedBy: 'me' }, ['checked'])).toBeNull();
  });

  it('says nothing once the change is no longer recent', () => {
    const later = Date.parse(changedAt) + RECENT_CHANGE_MS + 1;
    expect(byline({ addedBy: 'alex' }, undefined, later)).toBeNull();
    expect(byline({ addedBy: 'me', updatedBy: 'sam' }, ['note'], later)).toBeNull();
    expect(byline({ addedBy: 'me', updatedBy: 'sam' }, ['note'], later - 2)).toBe('changed by Sam');
  });

  it('names a member who has left as a former member', () => {
    expect(byline({ addedBy: 'gone', updatedBy: 'gone' }, ['name'])).toBe('changed by a former member');
  });
});
