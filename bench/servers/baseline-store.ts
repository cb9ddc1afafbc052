import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export interface StoredItem {
  id: string;
  listId: string;
  name: string;
  addedBy: string;
  createdAt: number;
}

/**
 * The baselines' persistence: one `items` table, one insert per mutation,
 * with the same pragmas as HoneyDo (WAL, and `synchronous` as HoneyDo ships
 * it unless the bench is told otherwise), so durability is equal.
 */
export function openItemStore(dataDir: string, synchronous: string) {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(path.join(dataDir, 'baseline.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.exec(`CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY, list_id TEXT NOT NULL, name TEXT NOT NULL, added_by TEXT NOT NULL, created_at INTEGER NOT NULL)`);
  const insert = sqlite.prepare('INSERT INTO items (id, list_id, name, added_by, created_at) VALUES (?, ?, ?, ?, ?)');
  return {
    add(listId: string, name: string, addedBy: string): StoredItem {
      const item = { id: randomUUID(), listId, name, addedBy, createdAt: Date.now() };
      insert.run(item.id, item.listId, item.name, item.addedBy, item.createdAt);
      return item;
    },
    close: () => sqlite.close(),
  };
}
