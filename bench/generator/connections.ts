import WebSocket from 'ws';
import type { Protocol } from './protocols';
import type { DeliveryTracker } from './deliveries';
import { ITEM_SEQ, ids } from '../scenario';

/**
 * Opens one WebSocket per user, `concurrency` handshakes at a time, and
 * resolves when every socket is ready to receive events. Each socket reports
 * the items it receives to the tracker.
 */
export async function connectAll(options: {
  port: number;
  protocol: Protocol;
  tokens: readonly string[];
  concurrency: number;
  tracker: DeliveryTracker;
  onUnexpectedClose(userIndex: number, code: number): void;
}): Promise<WebSocket[]> {
  const { protocol, tokens, tracker } = options;
  const sockets: WebSocket[] = new Array<WebSocket>(tokens.length);
  let next = 0;

  const open = (userIndex: number) =>
    new Promise<void>((resolve, reject) => {
      const token = tokens[userIndex] as string;
      const socket = new WebSocket(protocol.url(options.port), { perMessageDeflate: false });
      sockets[userIndex] = socket;
      let ready = false;
      socket.once('open', () => protocol.start(socket, token, ids.household(userIndex >> 1)));
      socket.on('message', (data) => {
        const frame = String(data);
        const match = ITEM_SEQ.exec(frame);
        if (match) tracker.received(Number(match[1]), userIndex);
        else if (protocol.onFrame(socket, frame, token) && !ready) {
          ready = true;
          resolve();
        }
      });
      socket.once('error', (error) => reject(error));
      socket.once('close', (code) => {
        if (!ready) reject(new Error(`socket ${userIndex} closed with ${code} before it was ready`));
        else options.onUnexpectedClose(userIndex, code);
      });
    });

  const worker = async () => {
    while (next < tokens.length) await open(next++);
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return sockets;
}
