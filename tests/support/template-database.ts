import { sql } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { databaseFile, openDatabase } from '../../server/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A SQLite file migrated once for this run, for every test server to start from a copy of. */
    templateDatabase: string;
  }
}

/**
 * Migrates one database the way the server does (`openDatabase`: the same
 * pragmas, the drizzle migrator), once for the whole run, so a test server
 * copies a file instead of applying every migration again
 * (docs/decisions/0011-template-test-database.md). The checkpoint folds the
 * WAL into the file, so the file alone is the whole database.
 */
export default function migrateTemplateDatabase(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'honeydo-template-'));
  const { db, close } = openDatabase(dir);
  db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  close();
  project.provide('templateDatabase', databaseFile(dir));
  return () => rmSync(dir, { recursive: true, force: true });
}
