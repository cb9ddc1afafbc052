import { TRPCError } from '@trpc/server';
import { DomainError, type Refusal } from './domain-error';
import { mapStreamError, type PushStream } from './events/push-stream';

/** The API's error code for each refusal; clients and tests depend on these codes. */
const CODES: Record<Refusal, TRPCError['code']> = {
  'not-found': 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
  'too-many': 'TOO_MANY_REQUESTS',
};

/** A refusal as the API answers it, with the service's message unchanged. */
export function refusalToTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: CODES[error.refusal], message: error.message, cause: error });
}

/**
 * A subscription's stream can refuse after it started (a member removed
 * mid-stream), where no middleware sees it: its refusals are mapped here.
 */
export function refusalsAtTheEdge<T>(stream: PushStream<T>): PushStream<T> {
  return mapStreamError(stream, (error) => (error instanceof DomainError ? refusalToTRPCError(error) : error));
}
