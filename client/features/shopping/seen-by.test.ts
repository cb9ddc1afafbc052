import { describe, expect, it } from 'vitest';
import { SEEN_NEWS_MS, SeenBy, type ItemChange, type SeenReport } from './seen-by';

const at = Date.parse('2030-01-01T12:00:00.000Z');
const soon = at + 60_000;
const others = (userId: string) => userId !== 'me';
const samsPhone: SeenReport = { householdId: 'home', userId: 'sam', deviceId: 'sams-phone', device: 'phone', lastEventId: '' };
const myChange = (eventId: string, overrides: Partial<ItemChange> = {}): ItemChange => ({ itemId: 'milk', householdId: 'home', eventId, at, mine: true, ...overrides });

/** A page that received these ids of the household "home", in this order. */
function pageThatReceived(...ids: string[]): SeenBy {
  const seenBy = new SeenBy();
  ids.forEach((id) => seenBy.arrived('home', id));
  return seenBy;
}

const deviceIds = (seenBy: SeenBy, now = soon) => seenBy.devicesThatHave('milk', now, others).map(({ deviceId }) => deviceId);

describe('which devices have a change of yours', () => {
  it('a device that applied the change, or anything after it, has it', () => {
    const seenBy = pageThatReceived('7', '9', '12');
    seenBy.changed(myChange('9'));
    seenBy.reported({ ...samsPhone, lastEventId: '9' });
    seenBy.reported({ ...samsPhone, deviceId: 'jos-tablet', userId: 'jo', lastEventId: '12' });
    expect(deviceIds(seenBy)).toEqual(['sams-phone', 'jos-tablet']);
  });

  it('a device that applied only what came before it does not, whatever the ids look like', () => {
    // Ids are opaque: "10" arrived before "9", so it is older, though larger as a number.
    const seenBy = pageThatReceived('10', '9');
    seenBy.changed(myChange('9'));
    seenBy.reported({ ...samsPhone, lastEventId: '10' });
    expect(deviceIds(seenBy)).toEqual([]);
  });

  it('an id this page never received is older than what it remembers', () => {
    const seenBy = pageThatReceived('9');
    seenBy.changed(myChange('9'));
    seenBy.reported({ ...samsPhone, lastEventId: '3' });
    expect(deviceIds(seenBy)).toEqual([]);
  });

  it('an older report from a device does not take back a newer one', () => {
    const seenBy = pageThatReceived('9', '12');
    seenBy.changed(myChange('9'));
    seenBy.reported({ ...samsPhone, lastEventId: '12' });
    seenBy.reported({ ...samsPhone, lastEventId: '9' });
    seenBy.changed(myChange('12'));
    expect(deviceIds(seenBy)).toEqual(['sams-phone']);
  });

  it("says nothing of someone else's change, of your own devices, of another household or once the change is old", () => {
    const seenBy = pageThatReceived('9', '12');
    seenBy.changed(myChange('9'));
    seenBy.reported({ ...samsPhone, deviceId: 'my-laptop', userId: 'me', lastEventId: '12' });
    seenBy.reported({ ...samsPhone, deviceId: 'sams-phone-elsewhere', householdId: 'work', lastEventId: '12' });
    expect(deviceIds(seenBy)).toEqual([]);
    seenBy.reported({ ...samsPhone, lastEventId: '12' });
    expect(deviceIds(seenBy, at + SEEN_NEWS_MS + 1)).toEqual([]);
    seenBy.changed(myChange('12', { mine: false }));
    expect(deviceIds(seenBy)).toEqual([]);
  });

  it('only your latest change in the household says who has it, as a device that has it has all before it', () => {
    const seenBy = pageThatReceived('9', '12');
    seenBy.arrived('work', '15');
    seenBy.changed(myChange('9'));
    seenBy.changed(myChange('12', { itemId: 'eggs' }));
    seenBy.changed(myChange('15', { itemId: 'rope', householdId: 'work' }));
    seenBy.reported({ ...samsPhone, lastEventId: '12' });
    expect(deviceIds(seenBy)).toEqual([]);
    expect(seenBy.devicesThatHave('eggs', soon, others).map(({ deviceId }) => deviceId)).toEqual(['sams-phone']);
  });

  it('tells one household’s event from another’s of the same id, each household numbering its own', () => {
    const seenBy = new SeenBy();
    seenBy.arrived('work', '12');
    seenBy.arrived('home', '9');
    seenBy.arrived('home', '12');
    seenBy.changed(myChange('12'));
    // Home's 9 came before the change, whatever arrived earlier as "12" in the work household.
    seenBy.reported({ ...samsPhone, lastEventId: '9' });
    expect(deviceIds(seenBy)).toEqual([]);
    seenBy.reported({ ...samsPhone, lastEventId: '12' });
    expect(deviceIds(seenBy)).toEqual(['sams-phone']);
  });

  it('tells its subscribers when a report changes what a row may say', () => {
    const seenBy = pageThatReceived('9');
    let told = 0;
    const unsubscribe = seenBy.subscribe(() => told++);
    const before = seenBy.snapshot();
    seenBy.reported({ ...samsPhone, lastEventId: '9' });
    seenBy.reported({ ...samsPhone, lastEventId: '9' });
    unsubscribe();
    expect(told).toBe(1);
    expect(seenBy.snapshot()).not.toBe(before);
  });
});
