import type { Database, Statement } from 'better-sqlite3';

/** More than the distinct statements the code writes; the rest (an `IN` of another length) come and go. */
const DEFAULT_MAX_STATEMENTS = 500;

/**
 * Makes `sqlite.prepare` reuse statements by their SQL text. Drizzle prepares
 * every query it runs afresh, and compiling the SQL cost more than running it
 * on the mutation path (a profile at 300 mutations/s put it at a tenth of the
 * server's time). The cache is bounded: least recently used statements go.
 *
 * Drizzle switches a statement to raw (array) rows with `raw()` when it maps
 * the columns itself and uses it as it is otherwise, so a reused statement is
 * handed back in the default (object rows) mode.
 */
export function cacheStatements(sqlite: Database, maxStatements = DEFAULT_MAX_STATEMENTS): void {
  const prepare = sqlite.prepare.bind(sqlite) as (source: string) => Statement;
  const statements = new Map<string, Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (statement) {
      statements.delete(source);
      if (statement.reader) statement.raw(false);
    } else {
      statement = prepare(source);
      if (statements.size >= maxStatements) statements.delete(statements.keys().next().value as string);
    }
    statements.set(source, statement);
    return statement;
  }) as Database['prepare'];
}
