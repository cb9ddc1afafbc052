import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSendQueue, UNKNOWN_ADD_WAIT_MS, type OutgoingChange } from './send-queue';

/** A change made at `madeAt` (ms), about the rows added by the changes in `after`. */
const change = (name: string, madeAt: number, after: string[] = []): OutgoingChange & { name: string; after: string[] } => ({
  name,
  after,
  path: name,
  input: { clientId: uuidv7({ msecs: madeAt }) },
});

const networkError = new Error('no answer');

/** A HoneyDo that answers each change when the test says so; `sent` lists the changes in the order they went out. */
function honeyDo() {
  const sent: string[] = [];
  const inFlight: { name: string; answer: () => void; fail: () => void }[] = [];
  const answered = new Set<string>();
  const queue = createSendQueue({
    send: (outgoing) =>
      new Promise((resolve, reject) => {
        const { name } = outgoing as ReturnType<typeof change>;
        sent.push(name);
        inFlight.push({
          name,
          answer: () => {
            answered.add(outgoing.input.clientId ?? '');
            resolve(`${name} done`);
          },
          fail: () => reject(networkError),
        });
      }),
    waitsFor: (outgoing) => (outgoing as ReturnType<typeof change>).after.filter((clientId) => !answered.has(clientId)),
    isRefusal: (error) => error !== networkError,
  });
  const settle = async (how: 'answer' | 'fail' = 'answer') => {
    inFlight.shift()?.[how]();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { queue, sent, settle };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the writer’s send queue', () => {
  it('sends one change at a time, the earliest made first, whatever order the tabs handed them over in', async () => {
    vi.useFakeTimers();
    const { queue, sent, settle } = honeyDo();
    void queue.enqueue(change('first', 1000));
    void queue.enqueue(change('made last', 3000));
    void queue.enqueue(change('made second', 2000));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['first']);
    await settle();
    await settle();
    expect(sent).toEqual(['first', 'made second', 'made last']);
  });

  it('holds a change about a row added in another tab until that add, handed over later, is answered', async () => {
    vi.useFakeTimers();
    const { queue, sent, settle } = honeyDo();
    const add = change('add milk', 1000);
    const tick = queue.enqueue(change('tick milk', 2000, [add.input.clientId!]));
    await vi.advanceTimersByTimeAsync(UNKNOWN_ADD_WAIT_MS / 2);
    expect(sent).toEqual([]);
    void queue.enqueue(add);
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['add milk']);
    await settle();
    expect(sent).toEqual(['add milk', 'tick milk']);
    await settle();
    await expect(tick).resolves.toBe('tick milk done');
  });

  it('sends a change about an add nobody hands over once the wait for it is over, for the add’s absence to be told', async () => {
    vi.useFakeTimers();
    const { queue, sent } = honeyDo();
    void queue.enqueue(change('tick milk', 2000, ['an-add-refused-long-ago']));
    await vi.advanceTimersByTimeAsync(UNKNOWN_ADD_WAIT_MS - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['tick milk']);
  });

  it('keeps waiting for an add that got no answer, which its tab sends again', async () => {
    vi.useFakeTimers();
    const { queue, sent, settle } = honeyDo();
    const add = change('add milk', 1000);
    const firstTry = queue.enqueue(add);
    firstTry.catch(() => undefined);
    void queue.enqueue(change('tick milk', 2000, [add.input.clientId!]));
    await vi.advanceTimersByTimeAsync(0);
    await settle('fail');
    await expect(firstTry).rejects.toBe(networkError);
    await vi.advanceTimersByTimeAsync(UNKNOWN_ADD_WAIT_MS * 3);
    expect(sent).toEqual(['add milk']);
    void queue.enqueue(add);
    await vi.advanceTimersByTimeAsync(0);
    await settle();
    expect(sent).toEqual(['add milk', 'add milk', 'tick milk']);
  });

  it('sends a change handed over twice once, and answers both', async () => {
    vi.useFakeTimers();
    const { queue, sent, settle } = honeyDo();
    void queue.enqueue(change('first', 1000));
    const again = change('add milk', 2000);
    const answers = [queue.enqueue(again), queue.enqueue(again)];
    await settle();
    await settle();
    expect(sent).toEqual(['first', 'add milk']);
    await expect(Promise.all(answers)).resolves.toEqual(['add milk done', 'add milk done']);
  });

  it('answers what still waits with the reason once stopped, and sends nothing more', async () => {
    vi.useFakeTimers();
    const { queue, sent, settle } = honeyDo();
    const first = queue.enqueue(change('first', 1000));
    const second = queue.enqueue(change('second', 2000));
    await vi.advanceTimersByTimeAsync(0);
    const handedOver = new Error('handed over');
    queue.stop(handedOver);
    await expect(Promise.allSettled([first, second])).resolves.toEqual([
      { status: 'rejected', reason: handedOver },
      { status: 'rejected', reason: handedOver },
    ]);
    await settle();
    expect(sent).toEqual(['first']);
    await expect(queue.enqueue(change('third', 3000))).rejects.toBe(handedOver);
  });
});
