import { describe, expect, it } from 'vitest';
import { hasExpired, isDueForRenewal, type StoredSession } from './local-session-store';

/** A token-shaped string whose payload says when it was issued and expires (seconds). */
function tokenFor(iat: number, exp: number): string {
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${base64url({ alg: 'RS256' })}.${base64url({ sub: 'user_1', iat, exp })}.signature`;
}

const session = (iat: number, exp: number): StoredSession => ({
  token: tokenFor(iat, exp),
  expiresAt: new Date(exp * 1000).toISOString(),
  user: { id: 'user_1', displayName: 'Alex' },
});

describe('local session lifetime', () => {
  const issued = 1_900_000_000;
  const current = session(issued, issued + 100);

  it('renews once past half of the token’s lifetime, not before', () => {
    expect(isDueForRenewal(current, (issued + 49) * 1000)).toBe(false);
    expect(isDueForRenewal(current, (issued + 50) * 1000)).toBe(true);
  });

  it('knows when the token has expired', () => {
    expect(hasExpired(current, (issued + 99) * 1000)).toBe(false);
    expect(hasExpired(current, (issued + 100) * 1000)).toBe(true);
  });

  it('a token it cannot read is never renewed (the server will say if it is bad)', () => {
    expect(isDueForRenewal({ ...current, token: 'not-a-jwt' }, (issued + 99) * 1000)).toBe(false);
  });
});
