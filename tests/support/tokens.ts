import { base64url, importPKCS8, SignJWT, type JWTPayload } from 'jose';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { signSessionToken, type SessionTokenClaims } from '../../server/auth/session-token';

export interface KeyPair {
  privateKeyPem: string;
  /** PEM spki, what `CLERK_JWT_KEY` holds. */
  publicKeyPem: string;
}

/** An RSA-2048 key pair, the size Clerk's PEM loader accepts: a stand-in for a Clerk instance. */
export function rsaKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** A fresh Clerk-shaped user and session id pair. */
export function clerkIds(): { userId: string; sessionId: string } {
  const suffix = randomUUID().replaceAll('-', '');
  return { userId: `user_${suffix}`, sessionId: `sess_${suffix}` };
}

/**
 * A Clerk-shaped session token from `key`, as Clerk would mint it for
 * `authorizedParty`. Defaults: a new user, one minute to live.
 */
export function clerkToken(key: KeyPair, claims: Partial<SessionTokenClaims> & { authorizedParty: string }): Promise<string> {
  return signSessionToken(key.privateKeyPem, { ...clerkIds(), ttlSeconds: 60, ...claims });
}

/** The registered claims of a valid Clerk session token for `userId`, for tokens built by hand. */
export function sessionClaims(userId: string, authorizedParty: string, extra: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { sub: userId, sid: `sess_${randomUUID()}`, azp: authorizedParty, iat: now, nbf: now, exp: now + 60, v: 2, ...extra };
}

/** A token signed RS256 with `key` carrying exactly `payload` (extra claims such as `name` included). */
export async function signClaims(key: KeyPair, payload: JWTPayload): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(await importPKCS8(key.privateKeyPem, 'RS256'));
}

/** An unsigned JWT (`alg: none`, empty signature): what an attacker sends hoping the verifier skips the check. */
export function unsignedToken(payload: JWTPayload): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

/**
 * The algorithm-confusion attack: HS256 with the server's *public* key as the
 * HMAC secret. A verifier that lets the token pick the algorithm accepts it.
 */
export async function hs256WithPublicKey(key: KeyPair, payload: JWTPayload): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(key.publicKeyPem));
}
