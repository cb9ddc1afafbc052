import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import type { PushConfig } from '../../env';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const isKeys = (value: unknown): value is VapidKeys =>
  typeof value === 'object' && value !== null && typeof (value as VapidKeys).publicKey === 'string' && typeof (value as VapidKeys).privateKey === 'string';

/**
 * The server's VAPID key pair: the one in the environment, or else one
 * generated on first start and kept in `DATA_DIR/push/vapid.json` (mode 600).
 * It must not change: browsers subscribed with its public key, and a new one
 * would silently stop every device's notices.
 */
export function loadOrCreateVapidKeys(dataDir: string, config: PushConfig): VapidKeys {
  if (config.vapidKeys) return config.vapidKeys;
  const dir = path.join(dataDir, 'push');
  const file = path.join(dir, 'vapid.json');
  if (existsSync(file)) {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isKeys(stored)) throw new Error(`${file} is not a VAPID key pair: restore it from a backup, or remove it (every device must then turn notifications on again).`);
    return stored;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = webpush.generateVAPIDKeys();
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}
