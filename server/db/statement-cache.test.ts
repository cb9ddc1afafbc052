import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from './statement-cache';

function database() {
  const sqlite = new Database(':memory:');
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('milk'), ('bread');");
  cacheStatements(sqlite, 2);
  return sqlite;
}

describe('statement cache', () => {
  it('hands back the same compiled statement for the same SQL', () => {
    const sqlite = database();
    expect(sqlite.prepare('SELECT name FROM t WHERE id = ?')).toBe(sqlite.prepare('SELECT name FROM t WHERE id = ?'));
  });

  it('a statement switched to raw rows by one caller gives the next caller objects again', () => {
    const sqlite = database();
    expect(sqlite.prepare('SELECT id, name FROM t ORDER BY id').raw().all()).toEqual([
      [1, 'milk'],
      [2, 'bread'],
    ]);
    expect(sqlite.prepare('SELECT id, name FROM t ORDER BY id').all()).toEqual([
      { id: 1, name: 'milk' },
      { id: 2, name: 'bread' },
    ]);
  });

  it('keeps at most its bound, dropping the least recently used statement', () => {
    const sqlite = database();
    const first = sqlite.prepare('SELECT 1');
    const second = sqlite.prepare('SELECT 2');
    expect(sqlite.prepare('SELECT 1')).toBe(first);
    sqlite.prepare('SELECT 3');
    expect(sqlite.prepare('SELECT 1')).toBe(first);
    expect(sqlite.prepare('SELECT 2')).not.toBe(second);
  });

  it('statements that return no rows are cached too, and still run', () => {
    const sqlite = database();
    const insert = sqlite.prepare('INSERT INTO t (name) VALUES (?)');
    insert.run('eggs');
    expect(sqlite.prepare('INSERT INTO t (name) VALUES (?)')).toBe(insert);
    sqlite.prepare('INSERT INTO t (name) VALUES (?)').run('tea');
    expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 4 });
  });
});
