/** Why a service turns a call down, in the service's own words; the API's error code is the edge's business. */
export type Refusal = 'not-found' | 'forbidden' | 'conflict' | 'invalid' | 'too-many';

/**
 * A call refused for a reason the caller can act on. Services and the layers
 * under them throw this, never a transport's error; the tRPC edge maps it to
 * the API's code (docs/decisions/0010-errors-at-the-edge.md). Anything else
 * thrown is a fault, and reaches the caller as an internal error.
 */
export class DomainError extends Error {
  constructor(
    readonly refusal: Refusal,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
