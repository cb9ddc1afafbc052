import { setUpCache } from './cache-setup';
import { ErrorBoundary } from './components/error-boundary';
import { ToastProvider } from './components/toasts';
import { AuthGate } from './features/auth/auth-gate';
import { Home } from './features/households/home';
import { ApiProvider } from './lib/api-provider';

/**
 * Sign-in first (Clerk or local, decided by the build), then one API client
 * and (persisted) cache for the signed-in person, then the household app.
 */
export function App() {
  return (
    <ErrorBoundary>
      <ToastProvider>
        <AuthGate>
          <ApiProvider setUp={setUpCache}>
            <Home />
          </ApiProvider>
        </AuthGate>
      </ToastProvider>
    </ErrorBoundary>
  );
}
