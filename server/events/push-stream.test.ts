import { describe, expect, it } from 'vitest';
import { endedBy, mapStreamError, pushInto, pushStream, startFromIterable, type StreamSink } from './push-stream';

/** A stream whose values the test pushes by hand, recording whether it was stopped. */
function manualStream() {
  const state = { sink: null as StreamSink<number> | null, stops: 0 };
  const stream = pushStream<number>((sink) => {
    state.sink = sink;
    return () => void state.stops++;
  });
  return { stream, state };
}

describe('push streams', () => {
  it('iterated, yield what was pushed in order, end when the stream ends, and stop it when the caller returns', async () => {
    const { stream, state } = manualStream();
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    state.sink!.next(1);
    state.sink!.next(2);
    expect(await first).toEqual({ value: 1, done: false });
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    await iterator.return();
    expect(state.stops).toBe(1);

    const ended = manualStream();
    const values: number[] = [];
    const reading = (async () => {
      for await (const value of ended.stream) values.push(value);
    })();
    await Promise.resolve();
    ended.state.sink!.next(3);
    ended.state.sink!.end();
    await reading;
    expect(values).toEqual([3]);
  });

  it('iterated, throw the error the stream ended with, mapped where asked', async () => {
    const { stream, state } = manualStream();
    const iterator = mapStreamError(stream, (error) => new Error(`mapped: ${(error as Error).message}`))[Symbol.asyncIterator]();
    const next = iterator.next();
    await Promise.resolve();
    state.sink!.end(new Error('removed'));
    await expect(next).rejects.toThrow('mapped: removed');

    const failing = mapStreamError(
      pushStream<number>(() => {
        throw new Error('too many');
      }),
      (error) => new Error(`mapped: ${(error as Error).message}`),
    );
    expect(() => failing[pushInto]({ next: () => undefined, end: () => undefined })).toThrow('mapped: too many');
  });

  it('start a plain async iterable by callback, and deliver nothing more once stopped', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let returned = false;
    async function* numbers() {
      try {
        yield 1;
        yield 2;
        await gate;
        yield 3;
      } finally {
        returned = true;
      }
    }
    const values: number[] = [];
    const stop = startFromIterable(numbers())({ next: (value) => values.push(value), end: () => values.push(-1) });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(values).toEqual([1, 2]);
    stop();
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(values).toEqual([1, 2]);
    expect(returned).toBe(true);
  });

  it('ended by a signal, stop the stream and end with the signal\'s reason once; a stream that ended first is not ended again', () => {
    const { stream, state } = manualStream();
    const controller = new AbortController();
    const seen: unknown[] = [];
    const stop = endedBy(stream, controller.signal)[pushInto]({ next: (value) => seen.push(value), end: (error) => seen.push(['end', error]) });
    state.sink!.next(1);
    controller.abort('time is up');
    state.sink!.next(2);
    expect(seen).toEqual([1, ['end', 'time is up']]);
    expect(state.stops).toBe(1);
    stop();

    const first = manualStream();
    const other = new AbortController();
    const ends: unknown[] = [];
    endedBy(first.stream, other.signal)[pushInto]({ next: () => undefined, end: (error) => ends.push(error ?? 'done') });
    first.state.sink!.end();
    other.abort('late');
    expect(ends).toEqual(['done']);
    expect(() => endedBy(manualStream().stream, other.signal)[pushInto]({ next: () => undefined, end: () => undefined })).toThrow('late');
  });
});
