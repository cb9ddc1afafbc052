import { TRPCError } from '@trpc/server';

/**
 * Refuses to grow something that already holds `max` entries. CONFLICT: the
 * request is fine, the state it meets is full, and the message says what
 * would make room.
 */
export function enforceLimit(current: number, max: number, message: string): void {
  if (current >= max) throw new TRPCError({ code: 'CONFLICT', message });
}
