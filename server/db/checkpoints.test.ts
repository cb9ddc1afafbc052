import { statSync, rmSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { makeDataDir } from '../../tests/support/test-server';
import { Checkpoints } from './checkpoints';
import { databaseFile, openDatabase } from './client';
import { users } from './schema';

describe('WAL checkpoints', () => {
  it('are made by the worker, not by the commits: the database file takes in the WAL only once enough commits asked for a checkpoint', async () => {
    const dataDir = makeDataDir();
    const database = openDatabase(dataDir);
    const errors: Error[] = [];
    const checkpoints = new Checkpoints(database.db, databaseFile(dataDir), (error) => errors.push(error));
    const fileSize = () => statSync(databaseFile(dataDir)).size;
    /** One commit of 40 rows, 80 KB: about twenty WAL pages, as an add writes. */
    const commit = (index: number) => {
      database.db.transaction((tx) => {
        for (let row = 0; row < 40; row++) tx.insert(users).values({ id: `user-${index}-${row}`, displayName: 'x'.repeat(2000), createdAt: Date.now() }).run();
      });
      checkpoints.afterCommit();
    };
    try {
      const before = fileSize();
      // Past SQLite's own threshold of 1,000 pages, but one commit short of asking for a checkpoint.
      for (let index = 0; index < 49; index++) commit(index);
      expect(fileSize()).toBe(before);

      commit(49);
      await vi.waitFor(() => expect(fileSize()).toBeGreaterThan(before + 2000 * 49 * 40));
      expect(errors).toEqual([]);
    } finally {
      await checkpoints.close();
      database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
