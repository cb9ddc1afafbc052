import type { User } from '../../../shared/types';
import { tokenTimes } from '../../lib/jwt';
import { readStored, removeStored, writeStored } from '../../lib/storage';

export const SESSION_KEY = 'honeydo.session';

/** What local sign-in leaves in localStorage: the token and who it is for. */
export interface StoredSession {
  token: string;
  expiresAt: string;
  user: User;
}

const isStoredSession = (value: unknown): value is StoredSession => {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<StoredSession>;
  return typeof v.token === 'string' && typeof v.expiresAt === 'string' && typeof v.user?.id === 'string';
};

export function loadSession(): StoredSession | null {
  const stored = readStored(SESSION_KEY, isStoredSession);
  if (stored && hasExpired(stored)) {
    removeStored(SESSION_KEY);
    return null;
  }
  return stored;
}

export const saveSession = (session: StoredSession) => writeStored(SESSION_KEY, session);
export const clearSession = () => removeStored(SESSION_KEY);

export function hasExpired(session: StoredSession, now = Date.now()): boolean {
  return Date.parse(session.expiresAt) <= now;
}

/** Renew once past half of the token's lifetime: early enough to survive a few failed tries. */
export function isDueForRenewal(session: StoredSession, now = Date.now()): boolean {
  const times = tokenTimes(session.token);
  if (!times) return false;
  return now >= times.issuedAt + (times.expiresAt - times.issuedAt) / 2;
}
