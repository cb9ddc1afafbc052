import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createContext, use, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { FullPageStatus } from '../components/full-page-status';
import { useSession } from '../features/auth/session-context';
import { createConnectionMonitor, type ConnectionMonitor, type ConnectionStatus } from './connection-monitor';
import { bindOnlineManager, createQueryClient } from './query-client';
import { createApiClient, trpc } from './trpc';

interface Api {
  connection: ConnectionMonitor;
  queryClient: QueryClient;
  client: ReturnType<typeof createApiClient>['client'];
}

const ConnectionContext = createContext<ConnectionMonitor | null>(null);

/**
 * One API client, WebSocket and cache per signed-in session. They are built
 * in an effect (not during render) so that React's double-invoked dev render
 * cannot leave a stray socket open, and torn down on sign-out: the socket
 * closes and nothing of the previous person's data stays in memory.
 */
export function ApiProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const [api, setApi] = useState<Api | null>(null);
  // The session object may be rebuilt (Clerk's user profile loading, say);
  // only a different person warrants a new client and socket.
  const latest = useRef(session);
  useEffect(() => {
    latest.current = session;
  });

  useEffect(() => {
    const connection = createConnectionMonitor();
    const queryClient = createQueryClient(() => latest.current.endSession('Your session has ended. Sign in again to continue.'));
    const { client, close } = createApiClient(() => latest.current.getToken(), connection);
    const unbind = bindOnlineManager(connection);
    setApi({ connection, queryClient, client });
    return () => {
      unbind();
      void close();
      queryClient.clear();
    };
  }, [session.userKey]);

  if (!api) return <FullPageStatus message="Connecting…" />;
  return (
    <ConnectionContext value={api.connection}>
      <trpc.Provider client={api.client} queryClient={api.queryClient}>
        <QueryClientProvider client={api.queryClient}>{children}</QueryClientProvider>
      </trpc.Provider>
    </ConnectionContext>
  );
}

export function useConnectionStatus(): ConnectionStatus {
  const connection = use(ConnectionContext);
  if (!connection) throw new Error('useConnectionStatus() must be used inside <ApiProvider>.');
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}
