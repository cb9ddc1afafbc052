import { importPKCS8, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';

export const LOCAL_ISSUER = 'honeydo-local';

export interface SessionTokenClaims {
  userId: string;
  sessionId: string;
  ttlSeconds: number;
  issuer?: string;
  authorizedParty?: string;
}

/**
 * Mints a token shaped like a Clerk session token (`sub`, `sid`, `iss`, `azp`,
 * `iat`, `nbf`, `exp`, `v: 2`, RS256), so local mode and Clerk mode share one
 * verification path. Tests use it with their own keys to play Clerk.
 */
export async function signSessionToken(privateKeyPem: string, claims: SessionTokenClaims): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sid: claims.sessionId, azp: claims.authorizedParty ?? LOCAL_ISSUER, v: 2 })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'honeydo-local' })
    .setSubject(claims.userId)
    .setIssuer(claims.issuer ?? LOCAL_ISSUER)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + claims.ttlSeconds)
    .setJti(randomUUID())
    .sign(key);
}
