import { TRPCClientError } from '@trpc/client';

/** The tRPC error code (`FORBIDDEN`, `NOT_FOUND`, ...) of an error, if the server answered with one. */
export function errorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  if (data && typeof data === 'object' && 'code' in data && typeof data.code === 'string') return data.code;
  return null;
}

/**
 * True when the request never got a tRPC answer: the server is down or the
 * network dropped. Those are worth retrying; an answer with a code is not.
 */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TRPCClientError && errorCode(error) === null;
}

/** Worth another try after a pause: the request never arrived, or the server asked us to slow down. */
export function isRetryable(error: unknown): boolean {
  return isNetworkError(error) || errorCode(error) === 'TOO_MANY_REQUESTS';
}

export function isAuthError(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}

/** A sentence a person can act on. The server's messages already are; transport failures are not. */
export function describeError(error: unknown): string {
  if (isNetworkError(error) || !(error instanceof Error)) {
    return 'HoneyDo could not reach the server. Check your connection and try again.';
  }
  return error.message;
}
