import { createContext, use } from 'react';
import type { TokenSource } from './trpc';

/**
 * What the rest of the app needs from whichever sign-in is in use. It is
 * here, not in features/auth, because the API client is built per session:
 * lib/ depends on this contract, and features/auth fills it in.
 */
export interface Session {
  mode: 'local' | 'clerk';
  /** Stable for the signed-in identity; a new value means a different person. */
  userKey: string;
  /** The token for the next call; renews it when due. `null` when signed out. */
  getToken: TokenSource;
  signOut(): Promise<void>;
  /** The server refused our token: the session is over, ask the person to sign in again. */
  endSession(reason: string): void;
  /** A display name the sign-in provider knows, for a first-time user the server named "New member". */
  suggestedName: string | null;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession() must be used inside a signed-in part of the app.');
  return session;
}
