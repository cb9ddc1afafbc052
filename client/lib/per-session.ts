import type { QueryClient } from '@tanstack/react-query';

/**
 * State that belongs to one signed-in session, looked up by its QueryClient:
 * a new session starts with a new QueryClient, and so with fresh state, and
 * the old one is collected with its client.
 */
export function perSession<T>(create: () => T): (queryClient: QueryClient) => T {
  const registry = new WeakMap<QueryClient, T>();
  return (queryClient) => {
    let value = registry.get(queryClient);
    if (value === undefined) {
      value = create();
      registry.set(queryClient, value);
    }
    return value;
  };
}
