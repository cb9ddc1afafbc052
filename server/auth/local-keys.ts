import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * The local-mode signing keys, created once in the data folder and reused, so
 * tokens survive a server restart. RSA-2048 because Clerk's `verifyToken` PEM
 * loader only understands 2048-bit RSA public keys, and local mode verifies
 * through that same function.
 */
export function loadOrCreateLocalKeys(dataDir: string): LocalKeyPair {
  const dir = path.join(dataDir, 'local-auth');
  const privatePath = path.join(dir, 'private.pem');
  const publicPath = path.join(dir, 'public.pem');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return { privateKeyPem: readFileSync(privatePath, 'utf8'), publicKeyPem: readFileSync(publicPath, 'utf8') };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  writeFileSync(privatePath, privateKey, { mode: 0o600 });
  writeFileSync(publicPath, publicKey, { mode: 0o644 });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
