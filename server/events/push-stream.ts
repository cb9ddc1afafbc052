/** Where a push stream delivers: each value as it comes, then its end, with the error if it failed. */
export interface StreamSink<T> {
  next(value: T): void;
  end(error?: unknown): void;
}

/**
 * Starts a stream into `sink` and answers the function that stops it (which
 * may be called more than once, and after the stream ended by itself). A
 * throw means the stream failed before it delivered anything.
 */
export type StartStream<T> = (sink: StreamSink<T>) => () => void;

/** The key under which a stream offers to deliver by callback rather than be iterated. */
export const pushInto: unique symbol = Symbol('pushInto');

/**
 * A stream that any caller may iterate (tRPC's HTTP handler, tests) and that a
 * transport which knows it may instead start with a callback: no iterator,
 * no promise per value, nothing held between values but the listener itself
 * (docs/decisions/0014-own-websocket-handler.md). Both ways run the same
 * `start`, so the stream's logic is written once.
 */
export interface PushStream<T> extends AsyncIterable<T, void> {
  readonly [pushInto]: StartStream<T>;
  [Symbol.asyncIterator](): AsyncGenerator<T, void>;
}

export function pushStream<T>(start: StartStream<T>): PushStream<T> {
  return { [pushInto]: start, [Symbol.asyncIterator]: () => pulled(start) };
}

export function isPushStream(value: unknown): value is PushStream<unknown> {
  return typeof value === 'object' && value !== null && pushInto in value;
}

/** The same stream with its failure replaced by `map(error)`, whether it fails at the start or later. */
export function mapStreamError<T>(stream: PushStream<T>, map: (error: unknown) => unknown): PushStream<T> {
  return pushStream((sink) => {
    try {
      return stream[pushInto]({ next: (value) => sink.next(value), end: (error) => sink.end(error === undefined ? undefined : map(error)) });
    } catch (error) {
      throw map(error);
    }
  });
}

/**
 * The same stream, ended with `signal.reason` as its failure once `signal`
 * aborts: how a transport ends a stream whose time is up (an SSE stream at
 * its session's renewal), whatever the stream itself is doing.
 */
export function endedBy<T>(stream: PushStream<T>, signal: AbortSignal | undefined): PushStream<T> {
  if (!signal) return stream;
  return pushStream((sink) => {
    if (signal.aborted) throw signal.reason;
    let ended = false;
    const stop = stream[pushInto]({
      next: (value) => {
        if (!ended) sink.next(value);
      },
      end: (error) => {
        if (ended) return;
        ended = true;
        sink.end(error);
      },
    });
    const onAbort = () => {
      stop();
      if (ended) return;
      ended = true;
      sink.end(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return () => {
      signal.removeEventListener('abort', onAbort);
      stop();
    };
  });
}

/**
 * Any async iterable as a start function, for subscriptions that are plain
 * async generators. Stopping asks the iterator to return; a value it was
 * already waiting for is dropped.
 */
export function startFromIterable<T>(iterable: AsyncIterable<T>): StartStream<T> {
  return (sink) => {
    const iterator = iterable[Symbol.asyncIterator]();
    let stopped = false;
    void (async () => {
      try {
        for (;;) {
          const step = await iterator.next();
          if (stopped) return;
          if (step.done) return sink.end();
          sink.next(step.value);
        }
      } catch (error) {
        if (!stopped) sink.end(error);
      }
    })();
    return () => {
      if (stopped) return;
      stopped = true;
      void iterator.return?.().catch(() => undefined);
    };
  };
}

/** A pushed stream as an async generator: values queue until asked for; returning stops the stream. */
async function* pulled<T>(start: StartStream<T>): AsyncGenerator<T, void> {
  const queue: T[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | null = null;
  const stop = start({
    next(value) {
      queue.push(value);
      wake?.();
    },
    end(error) {
      ended = true;
      failure = error;
      wake?.();
    },
  });
  try {
    for (;;) {
      if (queue.length > 0) yield queue.shift() as T;
      else if (ended) {
        if (failure !== undefined) throw failure;
        return;
      } else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stop();
  }
}
