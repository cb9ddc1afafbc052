import { openDatabase } from '../server/db/client';
import { householdMembers, households, shoppingLists, users } from '../server/db/schema';
import { ids } from './scenario';

const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += CHUNK) out.push(rows.slice(start, start + CHUNK));
  return out;
}

/**
 * Writes HoneyDo's starting state straight into a fresh data folder (with the
 * server's own migrations): every user, every household of two with its list.
 * Signing 10,000 users in and creating 5,000 households through the API would
 * measure set-up, not the scenario.
 */
export function seedHoneyDo(dataDir: string, connections: number): void {
  const database = openDatabase(dataDir);
  const now = Date.now();
  const householdCount = connections / 2;
  const userRows = Array.from({ length: connections }, (_, index) => ({ id: ids.user(index), displayName: `Bench ${index}`, createdAt: now }));
  const householdRows = Array.from({ length: householdCount }, (_, index) => ({
    id: ids.household(index),
    name: `Home ${index}`,
    inviteCode: `bench-invite-${index}`,
    createdBy: ids.user(2 * index),
    createdAt: now,
  }));
  const memberRows = userRows.map((user, index) => ({
    householdId: ids.household(index >> 1),
    userId: user.id,
    role: index % 2 === 0 ? ('owner' as const) : ('member' as const),
    joinedAt: now,
  }));
  const listRows = householdRows.map((household, index) => ({ id: ids.list(index), householdId: household.id, name: 'Groceries', createdAt: now, updatedAt: now }));
  database.db.transaction((tx) => {
    for (const rows of chunks(userRows)) tx.insert(users).values(rows).run();
    for (const rows of chunks(householdRows)) tx.insert(households).values(rows).run();
    for (const rows of chunks(memberRows)) tx.insert(householdMembers).values(rows).run();
    for (const rows of chunks(listRows)) tx.insert(shoppingLists).values(rows).run();
  });
  database.close();
}
