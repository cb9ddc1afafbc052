import { isTrackedEnvelope, transformTRPCResponse, type AnyTRPCRouter } from '@trpc/server';
import type { TRPCResponseMessage } from '@trpc/server/rpc';

type RequestId = TRPCResponseMessage['id'];
type JsonRpc = '2.0' | undefined;

/**
 * The frames tRPC's WebSocket protocol answers with, written as tRPC's own
 * adapter writes them (`transformTRPCResponse`, then `JSON.stringify`), with
 * one difference for subscription data: an event's JSON is made once, however
 * many subscribers it reaches, and each subscriber's frame splices it into an
 * envelope of its own. The splice is byte for byte what the adapter sends
 * (ws-frames.test.ts holds it to that).
 */
export class WsFrames {
  /** Each event's JSON, kept for as long as the event object itself lives: the bus hands every subscriber the same one. */
  private readonly json = new WeakMap<object, string>();

  constructor(private readonly router: AnyTRPCRouter) {
    // The splice writes plain JSON; a transformer (superjson, say) would have to run on every envelope.
    const probe = {};
    if (router._def._config.transformer.output.serialize(probe) !== probe) {
      throw new Error('The WebSocket handler writes events as plain JSON: it does not support a data transformer.');
    }
  }

  /** Any answer, through tRPC's transformer and error shapes as given. */
  response(message: TRPCResponseMessage): string {
    return JSON.stringify(transformTRPCResponse(this.router._def._config, message));
  }

  /** One value of subscription `id`; a `tracked()` envelope carries its event id as tRPC's adapter sends it. */
  data(id: RequestId, jsonrpc: JsonRpc, value: unknown): string {
    if (!isTrackedEnvelope(value)) return this.response({ id, jsonrpc, result: { type: 'data', data: value } });
    const [eventId, event] = value;
    const eventJson = this.jsonOf(event);
    // The adapter builds `{ type, data: { id, data }, id }` in that order; JSON.stringify keeps it.
    const idJson = JSON.stringify(eventId);
    const head = jsonrpc === undefined ? `{"id":${JSON.stringify(id)}` : `{"id":${JSON.stringify(id)},"jsonrpc":${JSON.stringify(jsonrpc)}`;
    return `${head},"result":{"type":"data","data":{"id":${idJson},"data":${eventJson}},"id":${idJson}}}`;
  }

  private jsonOf(event: unknown): string {
    if (typeof event !== 'object' || event === null) return JSON.stringify(event);
    let json = this.json.get(event);
    if (json === undefined) {
      json = JSON.stringify(event);
      this.json.set(event, json);
    }
    return json;
  }
}
