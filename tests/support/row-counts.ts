import { countRows } from '../../server/db/count-rows';
import { latestEventId } from '../../server/events/event-log';
import { eventLog, householdMembers, households, shoppingItems, shoppingLists, users } from '../../server/db/schema';
import type { TestServer } from './test-server';

/**
 * Rows per table of a test server's database, and the highest event id ever
 * given out: equal before and after a refused call means it wrote nothing,
 * not even an event that was pruned since.
 */
export function rowCounts(server: TestServer) {
  const { db } = server.app.deps;
  return {
    users: countRows(db, users, undefined),
    households: countRows(db, households, undefined),
    householdMembers: countRows(db, householdMembers, undefined),
    shoppingLists: countRows(db, shoppingLists, undefined),
    shoppingItems: countRows(db, shoppingItems, undefined),
    eventLog: countRows(db, eventLog, undefined),
    latestEventId: latestEventId(db),
  };
}
