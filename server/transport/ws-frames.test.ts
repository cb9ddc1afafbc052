import { tracked, transformTRPCResponse } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../router';
import { WsFrames } from './ws-frames';

/** What tRPC's own adapter (`getWSConnectionHandler`) sends for one value of a subscription, built as it builds it. */
function adapterFrame(id: number | string, jsonrpc: '2.0' | undefined, value: ReturnType<typeof tracked>) {
  const [eventId, data] = value;
  const result: { type: 'data'; data: unknown; id?: string } = { type: 'data', data: value };
  result.id = eventId;
  result.data = { id: eventId, data };
  return JSON.stringify(transformTRPCResponse(appRouter._def._config, { id, jsonrpc, result }));
}

describe('subscription frames', () => {
  const event = { type: 'shopping:item:added', householdId: 'h1', listId: 'l1', item: { name: 'milk "2%" €', quantity: null }, at: '2026-11-30T10:00:00.000Z' };

  it('splice the event into exactly the frame tRPC\'s adapter sends, with and without jsonrpc', () => {
    const frames = new WsFrames(appRouter);
    for (const [id, jsonrpc] of [[7, undefined], ['sub-1', '2.0']] as const) {
      expect(frames.data(id, jsonrpc, tracked('42', event))).toBe(adapterFrame(id, jsonrpc, tracked('42', event)));
    }
    expect(frames.data(1, undefined, 'plain')).toBe(JSON.stringify({ id: 1, result: { type: 'data', data: 'plain' } }));
  });

  it('serialise an event once however many subscribers it reaches, each with its own ids', () => {
    const frames = new WsFrames(appRouter);
    let serialised = 0;
    const counted = { ...event, toJSON: () => (serialised++, event) };
    const sent = [1, 2, 3].map((id) => frames.data(id, undefined, tracked(String(40 + id), counted)));
    expect(serialised).toBe(1);
    expect(sent.map((frame) => JSON.parse(frame) as unknown)).toEqual(
      [1, 2, 3].map((id) => ({ id, result: { type: 'data', id: String(40 + id), data: { id: String(40 + id), data: event } } })),
    );
  });
});
