import type { TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import type { AppRouter } from '../../shared/api';
import type { ConnectionMonitor, Transport } from './connection-monitor';

type Transports = Pick<ConnectionMonitor, 'getTransport' | 'streamState' | 'subscribe'>;

/**
 * Moves each open subscription to the transport of the moment (the
 * WebSocket, or SSE while it cannot connect: connection-monitor.ts). A move
 * ends the subscription on the old transport and opens it on the new one
 * with the id of the last event it delivered as `lastEventId`: the server
 * replays what came after, so nothing is missed and nothing arrives twice
 * (what the old one still had in flight is dropped with it). The links after
 * this one pick the transport when a subscription opens. It also tells the
 * monitor how each SSE subscription's connection is doing.
 */
export function movingSubscriptionLink(transports: Transports): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type !== 'subscription') return next(op);
      return observable((observer) => {
        const stream = {};
        let lastEventId: string | undefined;
        let via: Transport = transports.getTransport();
        let current: Unsubscribable | null = null;
        /** Which opening is current: a link may still call the observer of one it is tearing down (tRPC's SSE link completes it). */
        let opening = 0;
        const forget = () => {
          if (via === 'sse') transports.streamState(stream, null);
        };
        const open = () => {
          via = transports.getTransport();
          const mine = ++opening;
          const input = lastEventId === undefined ? op.input : { ...(op.input as Record<string, unknown>), lastEventId };
          current = next({ ...op, input }).subscribe({
            next(envelope) {
              if (mine !== opening) return;
              const { result } = envelope;
              if (result.type === 'state') {
                if (via === 'sse') transports.streamState(stream, result.state);
              } else if ((result.type === undefined || result.type === 'data') && 'id' in result && typeof result.id === 'string' && result.id) {
                lastEventId = result.id;
              }
              observer.next(envelope);
            },
            error(error) {
              if (mine !== opening) return;
              forget();
              observer.error(error);
            },
            complete() {
              if (mine !== opening) return;
              forget();
              observer.complete();
            },
          });
        };
        open();
        const stopFollowing = transports.subscribe(() => {
          if (transports.getTransport() === via) return;
          const moving = current;
          opening++;
          moving?.unsubscribe();
          forget();
          open();
        });
        return () => {
          stopFollowing();
          opening++;
          current?.unsubscribe();
          forget();
        };
      });
    };
}
