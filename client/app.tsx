import { ErrorBoundary } from './components/error-boundary';
import { ToastProvider } from './components/toasts';
import { AuthGate } from './features/auth/auth-gate';
import { Home } from './features/households/home';
import { ApiProvider } from './lib/api-provider';

/**
 * Sign-in first (Clerk or local, decided by the build), then one API client
 * and cache for the signed-in person, then the household app.
 */
export function App() {
  return (
    <ErrorBoundary>
      <ToastProvider>
        <AuthGate>
          <ApiProvider>
            <Home />
          </ApiProvider>
        </AuthGate>
      </ToastProvider>
    </ErrorBoundary>
  );
}
