import type { DehydratedState } from '@tanstack/react-query';
import type { PersistedClient } from '@tanstack/react-query-persist-client';
import { z } from 'zod';

/*
 * What the device store holds, checked when it is read: a record written by
 * an older build, a broken disk or a hand in the devtools must not reach the
 * cache. Only the parts HoneyDo relies on are checked; the rest is TanStack
 * Query's own serialised state, typed as its own.
 */

export type StoredQuery = DehydratedState['queries'][number];
export type StoredChange = DehydratedState['mutations'][number];

const queryShape = z.looseObject({
  queryKey: z.array(z.unknown()),
  queryHash: z.string(),
  state: z.looseObject({ status: z.string(), dataUpdatedAt: z.number() }),
});
const changeShape = z.looseObject({
  mutationKey: z.array(z.unknown()).optional(),
  state: z.looseObject({ status: z.string(), variables: z.unknown() }),
});
const storedQuery = z.custom<StoredQuery>((value) => queryShape.safeParse(value).success, 'not a stored query');
const storedChange = z.custom<StoredChange>((value) => changeShape.safeParse(value).success, 'not a stored change');

/** The lists of one person, shared by their tabs, with the last event id of each household they came with. */
export const listsSnapshot = z.object({
  timestamp: z.number(),
  buster: z.string(),
  clientState: z.object({ queries: z.array(storedQuery), mutations: z.array(storedChange) }),
}) satisfies z.ZodType<PersistedClient>;

/** Sign-out leaves this in place of the person's lists, so that a tab of theirs closing later writes nothing back. */
export const SIGNED_OUT = { signedOut: true } as const;

const signedOut = z.object({ signedOut: z.literal(true) });
export const isSignedOut = (stored: unknown): boolean => signedOut.safeParse(stored).success;

export const cacheRecord = z.union([signedOut, z.object({ snapshot: listsSnapshot })]);
export type CacheRecord = z.infer<typeof cacheRecord>;

/** One tab's waiting changes and what it keeps of its own (the undo history, the rows it removed). */
export const outboxRecord = z.object({ changes: z.array(storedChange), tabState: z.array(storedQuery) });
export type OutboxRecord = z.infer<typeof outboxRecord>;

export const EMPTY_OUTBOX: OutboxRecord = { changes: [], tabState: [] };
