import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestServer } from './test-server';

export type DatabaseContents = Record<string, Record<string, unknown>[]>;

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Every row of every table of a test server's database, by table name. The
 * tables are read from `sqlite_master`, so a table added by a later migration
 * is seen without anyone listing it here; rows are ordered by all their
 * columns, so two snapshots compare equal exactly when the contents are equal.
 *
 * Of SQLite's own tables only `sqlite_sequence` is kept: it holds the highest
 * event id ever given out, so an event written and pruned since still shows.
 */
export function databaseContents(server: TestServer): DatabaseContents {
  const { db } = server.app.deps;
  const tables = db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`);
  const contents: DatabaseContents = {};
  for (const table of [...tables.map(({ name }) => name), 'sqlite_sequence']) {
    const columnCount = db.all(sql.raw(`PRAGMA table_info(${quoted(table)})`)).length;
    const everyColumn = Array.from({ length: columnCount }, (_, index) => index + 1).join(', ');
    contents[table] = db.all<Record<string, unknown>>(sql.raw(`SELECT * FROM ${quoted(table)} ORDER BY ${everyColumn}`));
  }
  return contents;
}

/**
 * Runs `refused` and fails unless the database holds exactly what it held
 * before: no row inserted, updated or deleted in any table. Nothing was
 * announced either, since every event but presence is published only after
 * its row in `event_log` commits (docs/decisions/0002).
 */
export async function expectNothingWritten(server: TestServer, refused: () => Promise<void>): Promise<void> {
  const before = databaseContents(server);
  await refused();
  expect(databaseContents(server)).toEqual(before);
}
