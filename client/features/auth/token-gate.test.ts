import { describe, expect, it } from 'vitest';
import { createTokenGate } from './token-gate';

/** Whether `promise` has settled by the time everything already queued has run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 10));
  return done;
}

describe('a Clerk session waiting for Clerk to vouch for the person', () => {
  it('hands out no token until Clerk’s own token source is handed over', async () => {
    const gate = createTokenGate();
    expect(await settled(gate.getToken())).toBe(false);
  });

  it('a call that was waiting goes on with Clerk’s fresh token, and so do later ones', async () => {
    const gate = createTokenGate();
    const waiting = gate.getToken();
    let issued = 0;
    gate.open(async () => `token-${++issued}`);
    expect(await waiting).toBe('token-1');
    expect(await gate.getToken()).toBe('token-2');
  });
});
