import { describe, expect, it } from 'vitest';
import { shoppingItem } from '../../test/fixtures';
import { itemByline } from './item-byline';

const nameOf = (userId: string) => (userId === 'me' ? 'you' : ({ sam: 'Sam', alex: 'Alex' }[userId] ?? 'a former member'));

describe('who an item is from', () => {
  it('names who added it, and who changed it last when that was someone else', () => {
    expect(itemByline(shoppingItem({ addedBy: 'alex' }), 'me', nameOf)).toBe('added by Alex');
    expect(itemByline(shoppingItem({ addedBy: 'alex', updatedBy: 'sam' }), 'me', nameOf)).toBe('added by Alex · edited by Sam');
    expect(itemByline(shoppingItem({ addedBy: 'alex', updatedBy: 'me' }), 'me', nameOf)).toBe('added by Alex');
  });

  it('says "ticked" when the tick was the last change', () => {
    const ticked = shoppingItem({ addedBy: 'me', updatedBy: 'sam', checked: true, checkedBy: 'sam' });
    expect(itemByline(ticked, 'me', nameOf)).toBe('added by you · ticked by Sam');
  });

  it('names a member who has left as a former member', () => {
    expect(itemByline(shoppingItem({ addedBy: 'gone', updatedBy: 'gone' }), 'me', nameOf)).toBe('added by a former member · edited by a former member');
  });
});
