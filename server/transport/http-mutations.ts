import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  TRPCError,
  type AnyProcedure,
  type AnyTRPCRouter,
  type TRPCErrorShape,
} from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpMutationOptions<TContext> {
  router: AnyTRPCRouter;
  /** The same limits as tRPC's adapter: a request past them goes to the adapter, which refuses it. */
  maxBodySize: number;
  maxBatchSize: number;
  /** The `vary` header tRPC's adapter answers with, HoneyDo's `responseMeta` included. */
  vary: string;
  createContext(req: IncomingMessage): Promise<TContext>;
  onError(failure: { error: TRPCError; path: string }): void;
}

type Answer = { result: { data: unknown } } | { error: TRPCErrorShape };

/** The calls a request names: `/trpc/<path>` with one input, or `/trpc/<a>,<b>?batch=1` with `{"0": …, "1": …}`. */
interface Calls {
  paths: string[];
  batch: boolean;
}

/**
 * POSTs of mutations (httpLink's single call and httpBatchLink's batch),
 * answered as tRPC's HTTP adapter answers them: each call through
 * `callTRPCProcedure` (middleware, input parsing, the error formatter), each
 * error through `onError` and `getErrorShape`, the status from
 * `getHTTPStatusCode`, the body through `transformTRPCResponse`
 * (docs/PERFORMANCE.md, change 9). What it leaves out is what the adapter
 * builds per request: a fetch `Request` with a stream for a body, an
 * `AbortSignal` per call joined to the request's by `AbortSignal.any`, and a
 * `Response` piped back. Those signals outlived young-generation collections
 * (their `any` holds them through weak references, which only a full
 * collection clears) and were the largest share of what the mutation path
 * promoted to the old generation. Mutations do not read their signal.
 *
 * Anything else (queries, streaming, other content types, a request past a
 * limit, an unknown path) returns false untouched, for tRPC's adapter.
 */
export function createHttpMutationHandler<TContext>(options: HttpMutationOptions<TContext>) {
  const procedures = options.router._def.procedures as unknown as Record<string, AnyProcedure | undefined>;
  const config = options.router._def._config;

  const callsOf = (req: IncomingMessage, url: string): Calls | null => {
    const { headers } = req;
    if (req.method !== 'POST' || !headers['content-type']?.startsWith('application/json') || headers['trpc-accept'] !== undefined) return null;
    const length = Number(headers['content-length']);
    if (!Number.isInteger(length) || length > options.maxBodySize) return null;
    const [pathPart = '', query] = url.slice('/trpc/'.length).split('?', 2);
    if (query !== undefined && query !== 'batch=1') return null;
    const batch = query === 'batch=1';
    let paths: string[];
    try {
      paths = batch ? decodeURIComponent(pathPart).split(',') : [decodeURIComponent(pathPart)];
    } catch {
      return null;
    }
    if (paths.length > options.maxBatchSize) return null;
    return paths.every((path) => procedures[path]?._def.type === 'mutation') ? { paths, batch } : null;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, { paths, batch }: Calls) => {
    const context = options.createContext(req).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const text = await readBody(req);
    // As the adapter reads inputs: once, on the first call that asks; a body that is not JSON fails each call.
    let inputs: Record<number, unknown> | undefined;
    const inputsOf = () => (inputs ??= parseInputs(text, batch));
    const answers = await Promise.all(
      paths.map(async (path, batchIndex): Promise<Answer> => {
        const created = await context;
        try {
          if (!created.ok) throw created.error;
          const data: unknown = await callTRPCProcedure({
            router: options.router,
            path,
            getRawInput: async () => inputsOf()[batchIndex],
            ctx: created.value,
            type: 'mutation',
            signal: undefined,
            batchIndex,
          });
          if (isStreamLike(data)) {
            throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink' });
          }
          return { result: { data } };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          options.onError({ error, path });
          const ctx = created.ok ? created.value : undefined;
          return { error: getErrorShape({ config, error, type: 'mutation', path, input: inputs?.[batchIndex], ctx }) };
        }
      }),
    );
    const body = batch ? answers : (answers[0] as Answer);
    res.statusCode = getHTTPStatusCode(body);
    res.setHeader('vary', options.vary);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(transformTRPCResponse(config, body)));
  };

  /** Answers `req` and returns true, or returns false without reading it. */
  return (req: IncomingMessage, res: ServerResponse, url: string): boolean => {
    const calls = callsOf(req, url);
    if (!calls) return false;
    answer(req, res, calls).catch(() => {
      // The request broke off before its body arrived: there is no one to answer.
      res.destroy();
    });
    return true;
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    req.once('aborted', () => reject(new Error('request aborted')));
  });
}

/** tRPC's JSON inputs: the body is the one call's input, or a batch's object of inputs by index; a body that is not JSON is BAD_REQUEST in the parser's words. */
function parseInputs(text: string, batch: boolean): Record<number, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: (cause as Error).message, cause });
  }
  if (!batch) return { 0: parsed };
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
  }
  return parsed as Record<number, unknown>;
}

/** What only a streaming link can carry, as tRPC's adapter tells it: an async iterable, or an object (not an array) holding a promise or one. */
function isStreamLike(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Symbol.asyncIterator in value) return true;
  return Object.values(value).some((part) => part instanceof Promise || (typeof part === 'object' && part !== null && Symbol.asyncIterator in part));
}
