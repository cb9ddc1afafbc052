import { createPrivateKey, sign } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { loadOrCreateLocalKeys, type LocalKeyPair } from '../server/auth/local-keys';
import { LOCAL_ISSUER } from '../server/auth/session-token';
import { ids } from './scenario';

/** Tokens outlive any run; the servers check expiry like any other claim. */
const TOKEN_TTL_SECONDS = 2 * 3600;

export interface Fixtures {
  keys: LocalKeyPair;
  /** One session token per user, index = user index. */
  tokens: string[];
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * The key pair (HoneyDo's local-auth folder layout in `dir`) and one token per
 * user, shaped exactly like `signSessionToken`'s (RS256, Clerk's claims). The
 * key is parsed once: `signSessionToken` re-imports it per call, which would
 * make minting 10,000 tokens the slowest part of the bench.
 */
export function prepareFixtures(dir: string, users: number): Fixtures {
  const keys = loadOrCreateLocalKeys(dir);
  const key = createPrivateKey(keys.privateKeyPem);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'honeydo-local' }));
  const now = Math.floor(Date.now() / 1000);
  const tokens: string[] = [];
  for (let index = 0; index < users; index++) {
    const claims = {
      sid: `bench-session-${index}`,
      azp: LOCAL_ISSUER,
      v: 2,
      sub: ids.user(index),
      iss: LOCAL_ISSUER,
      iat: now,
      nbf: now,
      exp: now + TOKEN_TTL_SECONDS,
      jti: randomUUID(),
    };
    const unsigned = `${header}.${base64url(JSON.stringify(claims))}`;
    tokens.push(`${unsigned}.${base64url(sign('sha256', Buffer.from(unsigned), key))}`);
  }
  return { keys, tokens };
}
