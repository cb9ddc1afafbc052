import { z } from 'zod';
import type { HouseholdEvent, HouseholdEventOf, HouseholdEventType } from './events';
import { householdId } from './schemas';

/**
 * What a member wants pushed from one household to their devices while
 * HoneyDo is not open there: nothing; nudges (and "going shopping") at once
 * plus a summary of the others' changes; or only the summary, nudges folded
 * into it (docs/decisions/0020-web-push.md).
 */
export const PUSH_MODES = ['off', 'everything', 'digest'] as const;
export type PushMode = (typeof PUSH_MODES)[number];

export interface PushSettings {
  mode: PushMode;
  /** Item names and nudge texts in the notices; without, no item text leaves the server. */
  details: boolean;
}

export const DEFAULT_PUSH_SETTINGS: PushSettings = { mode: 'off', details: true };

/** Kinds of notice. `going-shopping` is shopping mode's, which does not exist yet: the server never sends it today. */
export type PushNoticeKind = 'digest' | 'nudge' | 'going-shopping';

/**
 * One pushed notice, as the service worker receives it (JSON, encrypted to
 * the device). The server words it (`title`, `body`), so the worker needs
 * no data of its own; `householdId` and `listId` say what a click opens.
 */
export interface PushNotice {
  v: 1;
  kind: PushNoticeKind;
  householdId: string;
  /** The list the notice is about; null: the household's current one. */
  listId: string | null;
  title: string;
  body: string;
  /** Notices with one tag replace each other on the device (one per household and kind). */
  tag: string;
  /** ISO time of the newest change it tells of. */
  at: string;
  /** The types of the events it sums up, and how many of each. */
  counts: Partial<Record<HouseholdEventType, number>>;
  /** With details only: the nudge itself. */
  event?: HouseholdEventOf<'system:notification'>;
}

/** The events a digest sums up: changes to items. */
export type DigestEvent = Extract<HouseholdEvent, { type: 'shopping:item:added' | 'shopping:item:updated' | 'shopping:item:removed' }>;

/** Where a click on a notice goes: the SPA opens that household and list. */
export function noticePath(notice: Pick<PushNotice, 'householdId' | 'listId'>): string {
  const query = new URLSearchParams({ household: notice.householdId });
  if (notice.listId) query.set('list', notice.listId);
  return `/?${query.toString()}`;
}

/** base64url without padding, of exactly `bytes` bytes. */
const base64url = (label: string, bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, `${label} must be base64url, as the browser's PushSubscription gives it.`)
    .refine((value) => Math.floor((value.length * 3) / 4) === bytes, `${label} must be ${bytes} bytes, as the browser's PushSubscription gives it.`);

/** Longest endpoint accepted: the browsers' push services use well under 500 characters. */
export const MAX_PUSH_ENDPOINT_LENGTH = 1024;

const endpoint = z
  .string()
  .max(MAX_PUSH_ENDPOINT_LENGTH, `endpoint can be at most ${MAX_PUSH_ENDPOINT_LENGTH} characters.`)
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'endpoint must be an https URL of a push service.');

export const pushInputs = {
  /** `PushSubscription.toJSON()`, as the browser gives it. */
  subscribe: z.object({
    endpoint,
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: base64url('keys.p256dh', 65), auth: base64url('keys.auth', 16) }),
  }),
  unsubscribe: z.object({ endpoint }),
  settings: z.object({ householdId, mode: z.enum(PUSH_MODES), details: z.boolean().optional() }),
  getSettings: z.object({ householdId }),
};
