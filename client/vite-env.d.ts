/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set at build time to sign in with Clerk; without it the SPA uses the server's local sign-in. */
  readonly VITE_CLERK_PUBLISHABLE_KEY?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
