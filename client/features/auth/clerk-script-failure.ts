/**
 * @clerk/shared's script loader rethrows a failed `<script>` load inside a
 * `.catch` that nobody awaits (loadClerkJsScript.mjs), so a load with Clerk
 * out of reach leaves an unhandled rejection beside the one ClerkProvider
 * handles. Here that failure is expected and answered (the remembered
 * person's lists open instead), so it is not reported as a page error.
 */
export function quietClerkScriptFailures(): void {
  window.addEventListener('unhandledrejection', (event) => {
    if (isClerkScriptFailure(event.reason)) event.preventDefault();
  });
}

function isClerkScriptFailure(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && 'code' in reason && reason.code === 'failed_to_load_clerk_js';
}
