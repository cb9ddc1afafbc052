import { z } from 'zod';
import { EVENT_TYPES, type HouseholdEvent } from '../../shared/events';
import type { PublishedEvent } from './event-bus';

/** An event as it travels between processes: what was published, and which process published it. */
export interface BridgedEvent {
  origin: string;
  published: PublishedEvent;
}

/**
 * Only HoneyDo processes publish on its channels, so the event's payload is
 * taken as they wrote it; the frame around it is checked, so that anything
 * else written to a channel is dropped rather than delivered half-formed.
 */
const EventFrame = z.looseObject({ type: z.enum(EVENT_TYPES), householdId: z.string().min(1), at: z.string() });
const Bridged = z.object({
  origin: z.string().min(1),
  published: z.object({
    id: z.number().int().positive().nullable(),
    recipientId: z.string().nullable(),
    event: z.custom<HouseholdEvent>((value) => EventFrame.safeParse(value).success),
  }),
});

export function encodeBridged(bridged: BridgedEvent): string {
  return JSON.stringify(bridged);
}

/** The event in a channel message, or null when the message is not one. */
export function decodeBridged(message: string): BridgedEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = Bridged.safeParse(json);
  return parsed.success ? parsed.data : null;
}
