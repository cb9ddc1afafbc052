import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { createContext, use, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { FullPageStatus } from '../components/full-page-status';
import { useToasts } from '../components/toasts';
import type { KeptAside } from './device-store';
import { useSession } from './session';
import { createConnectionMonitor, type ConnectionMonitor, type ConnectionStatus } from './connection-monitor';
import { honeyDoAnswers } from './honeydo-answers';
import { createHttpCatchUp, type HttpCatchUp } from './http-catch-up';
import { outboxMaySend } from './outbox-sending';
import { createCachePersistence, type CachePersistence } from './persisted-cache';
import { bindOnlineManager, createQueryClient } from './query-client';
import { createApiClient, trpc, type ApiClient } from './trpc';
import { unsubscribeThisBrowser } from './web-push';

/**
 * What the app adds to each session's cache before anything is restored into
 * it: the mutation defaults a change resumed after a reload runs with, and
 * the queries to keep for offline use. `restored` runs once the stored cache
 * is back in memory, `close` when the session ends.
 */
export type CacheSetUp = (queryClient: QueryClient, client: ApiClient, userKey: string) => { keepOffline: QueryKey[]; restored(): void; close(): void };

/** The live connection, and the HTTP catch-up that may send waiting changes while it is down. */
interface Connection {
  monitor: ConnectionMonitor;
  catchUp: HttpCatchUp;
}

interface Api {
  connection: Connection;
  queryClient: QueryClient;
  client: ApiClient;
  persistence: CachePersistence;
  /** Once the stored cache is back in memory, or could not be read: sends the changes that were waiting. */
  onRestored(): void;
}

/** Long enough to be read: it tells of something lost from view, not of a passing change. */
const KEPT_ASIDE_NOTICE_MS = 30_000;

/** What the person is told of a stored record that could not be read (it is kept aside, see device-store.ts). */
function keptAsideNotice(kept: KeptAside): string {
  if (kept.store === 'outboxes') return 'Changes waiting on this device could not be read. They were set aside on the device and not sent.';
  if (kept.store === 'caches') return 'The lists stored on this device could not be read. They were set aside, and are loaded again from HoneyDo.';
  return 'Part of what an earlier version of HoneyDo stored on this device could not be read. It was set aside on the device.';
}

const ConnectionContext = createContext<Connection | null>(null);
interface SignOut {
  signOut(): Promise<void>;
  waitingInOtherTabs(): Promise<number>;
}

const SignOutContext = createContext<SignOut | null>(null);

/**
 * One API client, WebSocket and cache per signed-in session. They are built
 * in an effect (not during render) so that React's double-invoked dev render
 * cannot leave a stray socket open, and torn down on sign-out: the socket
 * closes and nothing of the previous person's data stays in memory.
 *
 * The cache is persisted per person (see persisted-cache.ts): restored first,
 * then the changes that were waiting are sent, in order.
 */
export function ApiProvider({ setUp, children }: { setUp: CacheSetUp; children: ReactNode }) {
  // PersistQueryClientProvider restores once per instance: a different person
  // (another tab signed in as someone else, an account switch) gets a new one,
  // and with it their own stored cache and waiting changes.
  return (
    <SessionApi key={useSession().userKey} setUp={setUp}>
      {children}
    </SessionApi>
  );
}

function SessionApi({ setUp, children }: { setUp: CacheSetUp; children: ReactNode }) {
  const session = useSession();
  const toasts = useToasts();
  const [api, setApi] = useState<Api | null>(null);
  // The session object may be rebuilt (Clerk's user profile loading, say);
  // only a different person warrants a new client and socket.
  const latest = useRef({ session, setUp, toasts });
  useEffect(() => {
    latest.current = { session, setUp, toasts };
  });

  useEffect(() => {
    const connection = createConnectionMonitor(() => honeyDoAnswers(window.location.origin));
    const { queryClient, stopRetrying } = createQueryClient(() => latest.current.session.endSession('Your session has ended. Sign in again to continue.'));
    const { client, close } = createApiClient(() => latest.current.session.getToken(), connection);
    const { keepOffline, restored, close: closeSetUp } = latest.current.setUp(queryClient, client, session.userKey);
    const persistence = createCachePersistence(queryClient, session.userKey, keepOffline, (kept) =>
      latest.current.toasts.show(keptAsideNotice(kept), 'error', { key: 'kept-aside', durationMs: KEPT_ASIDE_NOTICE_MS }),
    );
    const catchUp = createHttpCatchUp(connection, queryClient, () => honeyDoAnswers(window.location.origin));
    const unbind = bindOnlineManager(connection, catchUp);
    // onError also runs when onSuccess threw: the waiting changes are resumed once.
    let resumed = false;
    const resume = () => {
      restored();
      void queryClient.resumePausedMutations();
    };
    const onRestored = () => {
      if (resumed) return;
      resumed = true;
      // Changes adopted later, from a tab of the person's that closed, are sent the same way.
      persistence.restored(resume);
      resume();
    };
    setApi({ connection: { monitor: connection, catchUp }, queryClient, client, persistence, onRestored });
    return () => {
      unbind();
      closeSetUp();
      catchUp.close();
      void close();
      stopRetrying();
      // Written before the cache is cleared: a session that ended (not a
      // sign-out) keeps its waiting changes for the same person's next visit.
      void persistence.close();
      queryClient.clear();
    };
  }, [session.userKey]);

  if (!api) return <FullPageStatus message="Connecting…" />;
  // Only a sign-out that happened removes the stored cache: one that failed
  // (or was cancelled) leaves the person signed in, their changes still kept.
  const signOut: SignOut = {
    signOut: async () => {
      await session.signOut();
      await api.persistence.discard();
      // The next person on this browser must not get this one's notices: the
      // push service now answers 410 for the endpoint, and the server forgets it.
      await unsubscribeThisBrowser().catch(() => null);
    },
    waitingInOtherTabs: () => api.persistence.waitingElsewhere(),
  };
  return (
    <ConnectionContext value={api.connection}>
      <SignOutContext value={signOut}>
        <trpc.Provider client={api.client} queryClient={api.queryClient}>
          <PersistQueryClientProvider client={api.queryClient} persistOptions={api.persistence.options} onSuccess={api.onRestored} onError={api.onRestored}>
            {children}
          </PersistQueryClientProvider>
        </trpc.Provider>
      </SignOutContext>
    </ConnectionContext>
  );
}

/** The live connection (the WebSocket, or its SSE fallback): "Live" only while it is up. */
export function useConnectionStatus(): ConnectionStatus {
  const { monitor } = useConnection('useConnectionStatus');
  return useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
}

/** Whether waiting changes go out now: over the live connection, or over HTTP while it is still coming back. */
export function useOutboxMaySend(): boolean {
  const { catchUp } = useConnection('useOutboxMaySend');
  const catchingUp = useSyncExternalStore(catchUp.subscribe, catchUp.getSnapshot);
  return outboxMaySend(useConnectionStatus(), catchingUp);
}

/** Tries to reach HoneyDo now instead of at the end of the backoff. */
export function useRetryNow(): () => void {
  return useConnection('useRetryNow').monitor.retryNow;
}

function useConnection(hook: string): Connection {
  const connection = use(ConnectionContext);
  if (!connection) throw new Error(`${hook}() must be used inside <ApiProvider>.`);
  return connection;
}

/** Signs out and removes what this device stored for the person: their lists and any change still waiting. */
export function useSignOut(): SignOut {
  const signOut = use(SignOutContext);
  if (!signOut) throw new Error('useSignOut() must be used inside <ApiProvider>.');
  return signOut;
}
