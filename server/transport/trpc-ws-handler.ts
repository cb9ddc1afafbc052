import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  TRPCError,
  type AnyTRPCRouter,
  type TRPCProcedureType,
} from '@trpc/server';
import { parseConnectionParamsFromUnknown, type TRPCRequestInfo } from '@trpc/server/http';
import { parseTRPCMessage, type TRPCClientOutgoingMessage, type TRPCResponseMessage } from '@trpc/server/rpc';
import type { IncomingMessage } from 'node:http';
import { WebSocket, type RawData } from 'ws';
import { isPushStream, pushInto, startFromIterable } from '../events/push-stream';
import { WsFrames } from './ws-frames';

export interface WsHandlerOptions<TContext> {
  router: AnyTRPCRouter;
  /** Runs once per connection, with the client's connectionParams (null when it sent none) and its address. */
  createContext(connectionParams: ConnectionParams, socket: WebSocket, ip: string): Promise<TContext>;
  onError(failure: { error: TRPCError; path: string | undefined; type: TRPCProcedureType | 'unknown' }): void;
}

type ConnectionParams = TRPCRequestInfo['connectionParams'];
type RequestId = TRPCResponseMessage['id'];
type JsonRpc = '2.0' | undefined;
type Request = Exclude<TRPCClientOutgoingMessage, { method: 'subscription.stop' }>;

/** A subscription's stop; until its stream starts, a stop only removes it from the connection. */
interface Subscription {
  stop(): void;
}
const notStarted = () => undefined;

/**
 * HoneyDo's side of tRPC's WebSocket protocol, in place of
 * `getWSConnectionHandler`: the same messages, answers and error shapes, every
 * call through `callTRPCProcedure` (middleware, input parsing, the error
 * formatter), and subscriptions whose result is a push stream delivered by
 * callback (docs/decisions/0014-own-websocket-handler.md). Keep-alive is the
 * connection registry's one sweep; this answers the client's own PING.
 */
export function createWsHandler<TContext>(options: WsHandlerOptions<TContext>) {
  const frames = new WsFrames(options.router);
  /**
   * `ip` is all of the upgrade request a connection keeps: the request itself
   * (headers, URL, streams) was 1 KB of every connection's memory for as long
   * as it stayed open.
   */
  return (socket: WebSocket, req: IncomingMessage, ip: string) => {
    const expectsParams = new URL(req.url ?? '/', 'http://localhost').searchParams.get('connectionParams') === '1';
    const connection = new WsConnection(socket, ip, expectsParams, options, frames);
    socket.on('message', (data, isBinary) => connection.receive(data, isBinary));
    // Without a listener, a bad frame ("RSV2 and RSV3 must be clear") would crash the process.
    socket.on('error', (cause) => options.onError({ error: getTRPCErrorFromUnknown(cause), path: undefined, type: 'unknown' }));
    socket.once('close', () => connection.closed());
  };
}

class WsConnection<TContext> {
  /** Null until the connectionParams arrive, when the URL says they will. */
  private context: Promise<TContext> | null;
  private readonly subscriptions = new Map<RequestId, Subscription>();

  constructor(
    private readonly socket: WebSocket,
    private readonly ip: string,
    expectsParams: boolean,
    private readonly options: WsHandlerOptions<TContext>,
    private readonly frames: WsFrames,
  ) {
    this.context = expectsParams ? null : this.createContext(() => null);
  }

  receive(data: RawData, isBinary: boolean): void {
    if (!Buffer.isBuffer(data)) return this.refuse(null, new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: 'Unexpected WebSocket message format' }));
    const text = data.toString('utf8');
    if (!isBinary && text === 'PONG') return;
    if (!isBinary && text === 'PING') return this.send('PONG');
    if (!this.context) {
      this.context = this.createContext(() => parseConnectionParamsFromUnknown(decodeObject(text, isBinary)));
      return;
    }
    let messages: TRPCClientOutgoingMessage[];
    try {
      if (isBinary) throw new Error('JSON uses text frames.');
      const parsed: unknown = JSON.parse(text);
      const transformer = this.options.router._def._config.transformer;
      messages = (Array.isArray(parsed) ? parsed : [parsed]).map((raw) => parseTRPCMessage(raw, transformer));
    } catch (cause) {
      return this.refuse(null, new TRPCError({ code: 'PARSE_ERROR', cause }));
    }
    messages.forEach((message, batchIndex) => this.handle(message, batchIndex));
  }

  /** Ends every subscription of a socket that closed; nothing is sent any more. */
  closed(): void {
    for (const subscription of this.subscriptions.values()) subscription.stop();
    this.subscriptions.clear();
  }

  private handle(message: TRPCClientOutgoingMessage, batchIndex: number): void {
    const { id, jsonrpc } = message;
    if (id === null) return this.refuse(null, new TRPCError({ code: 'PARSE_ERROR', message: '`id` is required' }), jsonrpc);
    if (message.method === 'subscription.stop') return this.stop(id, jsonrpc);
    if (message.method === 'subscription') {
      if (this.subscriptions.has(id)) return this.refuse(id, new TRPCError({ code: 'BAD_REQUEST', message: `Duplicate id ${id}` }), jsonrpc, message);
      // Registered before the call runs, so a stop that arrives meanwhile (even in the same frame) is not lost.
      const registered: Subscription = { stop: notStarted };
      this.subscriptions.set(id, registered);
      return void this.call(message, batchIndex, registered);
    }
    void this.call(message, batchIndex, null);
  }

  private async call(message: Request, batchIndex: number, registered: Subscription | null): Promise<void> {
    const { id, jsonrpc, method: type } = message;
    try {
      // A context that failed has been answered already; each call is refused with its error.
      const ctx = await this.context;
      const result: unknown = await callTRPCProcedure({
        router: this.options.router,
        path: message.params.path,
        getRawInput: async () => withLastEventId(message.params.input, message.params.lastEventId),
        ctx,
        type,
        signal: undefined,
        batchIndex,
      });
      const isStream = isPushStream(result) || isAsyncIterable(result);
      if (type !== 'subscription') {
        if (isStream) throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `Cannot return an async iterable from a ${type} procedure with WebSockets` });
        return this.respond({ id, jsonrpc, result: { type: 'data', data: result } });
      }
      if (!isStream) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Subscription ${message.params.path} did not return an AsyncGenerator` });
      // A client gone while the call ran needs no answer.
      if (this.socket.readyState !== WebSocket.OPEN || !registered) return;
      this.respond({ id, jsonrpc, result: { type: 'started' } });
      if (this.subscriptions.get(id) !== registered) return this.respond({ id, jsonrpc, result: { type: 'stopped' } });
      const start = isPushStream(result) ? result[pushInto] : startFromIterable(result);
      registered.stop = start({
        next: (value) => this.send(this.frames.data(id, jsonrpc, value)),
        end: (error) => {
          if (this.subscriptions.get(id) !== registered) return;
          this.subscriptions.delete(id);
          if (error === undefined) this.respond({ id, jsonrpc, result: { type: 'stopped' } });
          else this.refuse(id, getTRPCErrorFromUnknown(error), jsonrpc, message);
        },
      });
      // Ended (or stopped) while it started: let go of it now.
      if (this.subscriptions.get(id) !== registered) registered.stop();
    } catch (cause) {
      if (registered && this.subscriptions.get(id) === registered) this.subscriptions.delete(id);
      this.refuse(id, getTRPCErrorFromUnknown(cause), jsonrpc, message);
    }
  }

  private stop(id: RequestId, jsonrpc: JsonRpc): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    this.subscriptions.delete(id);
    const started = subscription.stop !== notStarted;
    subscription.stop();
    if (started) this.respond({ id, jsonrpc, result: { type: 'stopped' } });
  }

  private createContext(connectionParams: () => ConnectionParams): Promise<TContext> {
    const context = (async () => this.options.createContext(connectionParams(), this.socket, this.ip))();
    context.catch((cause: unknown) => {
      // As tRPC's adapter: the error, then the socket closes on the next turn.
      this.refuse(null, getTRPCErrorFromUnknown(cause));
      setImmediate(() => this.socket.close());
    });
    return context;
  }

  /** An error answer, after `onError` (and so the log) has seen it. */
  private refuse(id: RequestId, error: TRPCError, jsonrpc?: JsonRpc, request?: Request): void {
    const path = request?.params.path;
    const type = request?.method ?? 'unknown';
    this.options.onError({ error, path, type });
    const config = this.options.router._def._config;
    this.respond({ id, jsonrpc, error: getErrorShape({ config, error, type, path, input: request?.params.input, ctx: undefined }) });
  }

  private respond(message: TRPCResponseMessage): void {
    this.send(this.frames.response(message));
  }

  /** Sends never throw into the caller: a bus delivery must reach the other subscribers whatever this socket does. */
  private send(frame: string): void {
    try {
      this.socket.send(frame);
    } catch (error) {
      this.options.onError({ error: getTRPCErrorFromUnknown(error), path: undefined, type: 'unknown' });
    }
  }
}

/** The connectionParams frame's object; tRPC reads any object there, whatever its `method`. */
function decodeObject(text: string, isBinary: boolean): unknown {
  try {
    if (isBinary) throw new Error('JSON uses text frames.');
    const message: unknown = JSON.parse(text);
    if (typeof message !== 'object' || message === null) throw new Error('Message was not an object');
    return (message as { data?: unknown }).data;
  } catch (cause) {
    throw new TRPCError({ code: 'PARSE_ERROR', message: 'Malformed TRPCConnectionParamsMessage', cause });
  }
}

/** wsLink resends the last event id beside the input; the procedure reads it as `input.lastEventId`, as tRPC's adapter passes it. */
function withLastEventId(input: unknown, lastEventId: string | undefined): unknown {
  if (lastEventId === undefined) return input;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return { ...input, lastEventId };
  return input ?? { lastEventId };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
