import { TRPCClientError } from '@trpc/client';
import { z } from 'zod';
import { createSendQueue, type Outcome, type OutgoingChange, type SendQueue, type SendRules } from './send-queue';

export interface WriterRules extends SendRules {
  /** What every tab of the person learns from a change the writer got an answer to (the id an add was given). */
  heard(change: OutgoingChange, data: unknown): void;
  /** Errors other than tRPC's a tab must tell apart when they come back from the writer, by `name`. */
  errors: Record<string, new () => Error>;
}

export interface ChangeWriter {
  /** Sends a change through the person's writer on this device; resolves or rejects with HoneyDo's answer, as a call of the tab's own would. */
  send(change: OutgoingChange): Promise<unknown>;
  /** The session is over: leadership goes to another tab, and nothing more is sent from this one. */
  close(): void;
}

/** A change on its way to the writer, and what to do with HoneyDo's answer to it. */
interface HandedOver {
  change: OutgoingChange;
  settle(outcome: Outcome): void;
}

/** What a writer that stopped answers with: the tab sends its change again, to the next writer, as after a request that got no answer. */
const handedOver = () => new TRPCClientError('The tab sending the changes went away; sending again.');

/**
 * One writer per person and browser profile. The person's tabs elect one
 * with a Web Lock: it holds the send queue (send-queue.ts) and sends every
 * tab's changes, so the changes of all of them reach HoneyDo in one order,
 * and a change made on a row another tab added offline goes after that add.
 * The other tabs hand their changes to it over a BroadcastChannel and get its
 * answers back; each tab still keeps its own changes stored until answered
 * (tab-outbox.ts), so a writer that closes or crashes loses none: the next
 * one to get the lock says so, and every tab sends it what it still waits
 * for. A frozen page gives the lock up until it is resumed. Without Web Locks
 * or BroadcastChannel every tab sends its own changes, as its own writer.
 * See docs/decisions/0007-offline-outbox.md.
 */
export function createChangeWriter(name: string, rules: WriterRules): ChangeWriter {
  const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
  const channel = locks && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(name) : null;
  const closed = new AbortController();
  // This tab's changes handed to another tab's writer, by clientId, until answered.
  const handedToWriter = new Map<string, HandedOver>();
  let queue: SendQueue | null = null;

  // Closed, the channel is gone: the next writer asks the person's other tabs again for what waited here.
  const post = (message: WriterMessage) => {
    if (!closed.signal.aborted) channel?.postMessage(message);
  };
  const startQueue = () =>
    createSendQueue(rules, (change, outcome) => {
      if (outcome.ok) rules.heard(change, outcome.data);
      post({ kind: 'answer', change, outcome: outcome.ok ? outcome : { ok: false, error: relayed(outcome.error) } });
    });
  const handOver = (entry: HandedOver) => {
    if (queue) queue.enqueue(entry.change).then((data) => entry.settle({ ok: true, data }), (error: unknown) => entry.settle({ ok: false, error }));
    else if (channel && !closed.signal.aborted) post({ kind: 'send', change: entry.change });
    else entry.settle({ ok: false, error: handedOver() });
  };

  if (!locks || !channel) queue = startQueue();
  else {
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const message = writerMessage.safeParse(event.data);
      if (!message.success) return;
      const heard = message.data;
      if (heard.kind === 'send') {
        if (queue) handOver({ change: heard.change, settle: () => undefined });
      } else if (heard.kind === 'leader') {
        // Sent to the writer before, and not answered: the new one may never have seen it.
        handedToWriter.forEach((entry) => post({ kind: 'send', change: entry.change }));
      } else {
        if (heard.outcome.ok) rules.heard(heard.change, heard.outcome.data);
        const clientId = heard.change.input.clientId;
        const mine = clientId === undefined ? undefined : handedToWriter.get(clientId);
        mine?.settle(heard.outcome.ok ? heard.outcome : { ok: false, error: revived(heard.outcome.error, rules.errors) });
      }
    };
    void leadWhileShown(locks, name, closed.signal, async (term) => {
      queue = startQueue();
      // This tab's own changes were handed to the writer that went: this one sends them now.
      const own = [...handedToWriter.values()];
      own.forEach(handOver);
      post({ kind: 'leader' });
      await term;
      queue?.stop(handedOver());
      queue = null;
    });
    closed.signal.addEventListener('abort', () => channel.close(), { once: true });
  }

  return {
    send: (change) => {
      const clientId = change.input.clientId ?? '';
      return new Promise((resolve, reject) => {
        const entry: HandedOver = {
          change,
          settle: (outcome) => {
            if (handedToWriter.get(clientId) === entry) handedToWriter.delete(clientId);
            if (outcome.ok) resolve(outcome.data);
            else reject(outcome.error);
          },
        };
        handedToWriter.set(clientId, entry);
        handOver(entry);
      });
    },
    close: () => {
      closed.abort();
      queue?.stop(handedOver());
      queue = null;
      handedToWriter.forEach((entry) => entry.settle({ ok: false, error: handedOver() }));
    },
  };
}

/**
 * Holds the writer's lock whenever this tab can get it, for as long as the
 * page is alive and not frozen: `lead` runs for each term, which ends when
 * `term` resolves. A frozen page (the browser's own freeze, or kept in the
 * back/forward cache) would keep the lock and answer nothing.
 */
async function leadWhileShown(locks: LockManager, name: string, closed: AbortSignal, lead: (term: Promise<void>) => Promise<void>): Promise<void> {
  while (!closed.aborted) {
    const frozen = new AbortController();
    const freeze = () => frozen.abort();
    document.addEventListener('freeze', freeze);
    window.addEventListener('pagehide', freeze);
    const over = AbortSignal.any([closed, frozen.signal]);
    const term = new Promise<void>((resolve) => over.addEventListener('abort', () => resolve(), { once: true }));
    await locks.request(name, { signal: over }, () => lead(term)).catch(() => undefined);
    document.removeEventListener('freeze', freeze);
    window.removeEventListener('pagehide', freeze);
    if (closed.aborted) return;
    if (frozen.signal.aborted) await shownAgain();
  }
}

const shownAgain = () =>
  new Promise<void>((resolve) => {
    const shown = () => {
      document.removeEventListener('resume', shown);
      window.removeEventListener('pageshow', shown);
      resolve();
    };
    document.addEventListener('resume', shown);
    window.addEventListener('pageshow', shown);
  });

/** An error as it crosses to another tab: a tRPC error keeps HoneyDo's answer (its shape); any other keeps its name. */
interface RelayedError {
  name: string;
  message: string;
  shape?: unknown;
}

function relayed(error: unknown): RelayedError {
  if (error instanceof TRPCClientError) return { name: 'TRPCClientError', message: error.message, shape: error.shape as unknown };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function revived(error: RelayedError, errors: Record<string, new () => Error>): Error {
  if (error.name === 'TRPCClientError') {
    const answer = trpcErrorShape.safeParse(error.shape);
    // No shape: the request got no answer from HoneyDo, and is tried again.
    return answer.success ? TRPCClientError.from({ error: answer.data }) : new TRPCClientError(error.message);
  }
  const Known = errors[error.name];
  return Known ? new Known() : new Error(error.message);
}

const trpcErrorShape = z.object({ code: z.number(), message: z.string(), data: z.unknown() });

const outgoingChange = z.object({ path: z.string(), input: z.looseObject({ clientId: z.string().optional() }) });
const relayedError = z.object({ name: z.string(), message: z.string(), shape: z.unknown().optional() });
const writerMessage = z.discriminatedUnion('kind', [
  /** A tab's change, for the writer to send. */
  z.object({ kind: z.literal('send'), change: outgoingChange }),
  /** A tab took over as the writer: send it what is still unanswered. */
  z.object({ kind: z.literal('leader') }),
  /** HoneyDo's answer to a change, for the tab that made it (and what every tab learns from it). */
  z.object({
    kind: z.literal('answer'),
    change: outgoingChange,
    outcome: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data: z.unknown() }), z.object({ ok: z.literal(false), error: relayedError })]),
  }),
]);
type WriterMessage = z.input<typeof writerMessage>;
