import { getErrorShape, type TRPCError } from '@trpc/server';
import { appRouter } from '../router';

/**
 * A refusal made by the transport before tRPC runs, in the shape (and through
 * the formatter) of every other API error, so clients read it the same way.
 */
export function errorShape(error: TRPCError, path?: string) {
  return getErrorShape({ config: appRouter._def._config, error, type: 'unknown', path, input: undefined, ctx: undefined });
}
