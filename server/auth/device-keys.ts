import { eq } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { localDeviceKeys } from '../db/schema';

/** 256 random bits, base64url: 43 characters, as the resumeLocal input expects. */
const KEY_BYTES = 32;

const hashOf = (deviceKey: string) => createHash('sha256').update(deviceKey).digest('hex');

/**
 * Local mode has no passwords per person, so a display name proves nothing:
 * anyone could type "Sam". What lets a device come back as the same Sam is a
 * key it was given when Sam signed in on it. The server keeps its hash only;
 * the key is looked up by that hash, so no comparison depends on what was
 * sent, and a guess has 2^256 keys to hit.
 */
export function issueDeviceKey(db: Db, userId: string): string {
  const deviceKey = randomBytes(KEY_BYTES).toString('base64url');
  db.insert(localDeviceKeys).values({ keyHash: hashOf(deviceKey), userId, createdAt: Date.now() }).run();
  return deviceKey;
}

/** True only when this is a key issued to `userId`: a key never signs in anyone but the person it was issued to. */
export function deviceKeyBelongsTo(db: Db, deviceKey: string, userId: string): boolean {
  const row = db.select({ userId: localDeviceKeys.userId }).from(localDeviceKeys).where(eq(localDeviceKeys.keyHash, hashOf(deviceKey))).get();
  return row?.userId === userId;
}
