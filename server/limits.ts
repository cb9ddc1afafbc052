import { DomainError } from './domain-error';

/**
 * Refuses to grow something that holds `current` entries by `adding` more
 * when that would pass `max`. CONFLICT: the request is fine, the state it
 * meets is full, and the message says what would make room.
 */
export function enforceLimit(current: number, max: number, message: string, adding = 1): void {
  if (current + adding > max) throw new DomainError('conflict', message);
}
