import { sql } from 'drizzle-orm';

/**
 * Ties on a millisecond `createdAt` are common (a batch of adds, a grouped
 * commit); a random uuid would order them at random. SQLite's rowid grows with
 * every insert, so it keeps them in the order they were made.
 */
export const insertionOrder = sql`rowid`;
