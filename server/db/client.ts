import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { cacheStatements } from './statement-cache';

export type Db = BetterSQLite3Database<typeof schema>;
/** A Drizzle handle inside `db.transaction()`; services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** The SQLite file a server keeps in `dataDir`. */
export const databaseFile = (dataDir: string) => path.join(dataDir, 'honeydo.sqlite');

export interface DatabaseHandle {
  db: Db;
  /** The better-sqlite3 connection under `db`, for the few statements prepared around Drizzle. */
  connection: Database.Database;
  /** The database's write-ahead log, which `WalSync` makes durable. */
  walFile: string;
  close(): void;
}

/**
 * Opens (creating if needed) the SQLite file in `dataDir` and applies pending
 * migrations. Pragmas, and why (docs/decisions/0003-sqlite-durability.md):
 * - WAL: readers never block the writer, and the write path appends instead of
 *   rewriting pages.
 * - synchronous=FULL: a mutation is acknowledged only after its commit is
 *   fsynced, so a power loss cannot undo something a member already saw saved.
 * - busy_timeout: a second process (a script, a backup) waits instead of failing.
 * - foreign_keys: SQLite leaves them off unless asked.
 */
export function openDatabase(dataDir: string): DatabaseHandle {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(databaseFile(dataDir));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, connection: sqlite, walFile: `${databaseFile(dataDir)}-wal`, close: () => sqlite.close() };
}
