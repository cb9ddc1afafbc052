import { describe, expect, it } from 'vitest';
import { cacheSessions } from './session-cache';
import type { Session } from './verify-session';

/** A verifier that knows a few tokens and counts how often it is asked. */
function countingVerifier(sessions: Record<string, Session>) {
  const calls: string[] = [];
  const verify = (token: string) => {
    calls.push(token);
    return Promise.resolve(sessions[token] ?? null);
  };
  return { verify, calls };
}

const session = (userId: string, expiresInMs: number): Session => ({ userId, sessionId: `sess-${userId}`, expiresAt: Date.now() + expiresInMs });

describe('verified-session cache', () => {
  it('a token is verified once, then answered from memory with the same session', async () => {
    const sam = session('sam', 60_000);
    const { verify, calls } = countingVerifier({ 'token-sam': sam });
    const cached = cacheSessions(verify);
    expect(await cached('token-sam')).toEqual(sam);
    expect(await cached('token-sam')).toEqual(sam);
    expect(calls).toEqual(['token-sam']);
  });

  it('a remembered token is refused once its session has expired', async () => {
    const { verify } = countingVerifier({ 'token-sam': session('sam', 30) });
    const cached = cacheSessions(verify);
    expect(await cached('token-sam')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await cached('token-sam')).toBeNull();
  });

  it('a refused token is not remembered: it is checked again each time', async () => {
    const { verify, calls } = countingVerifier({});
    const cached = cacheSessions(verify);
    expect(await cached('forged')).toBeNull();
    expect(await cached('forged')).toBeNull();
    expect(calls).toEqual(['forged', 'forged']);
  });

  it('past its bound the token remembered first is forgotten and verified again when it returns', async () => {
    const { verify, calls } = countingVerifier({ a: session('a', 60_000), b: session('b', 60_000), c: session('c', 60_000) });
    const cached = cacheSessions(verify, 2);
    await cached('a');
    await cached('b');
    await cached('b');
    await cached('c');
    await cached('b');
    await cached('c');
    await cached('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
