/** Shown while the lists are open for the remembered person and Clerk has not yet vouched for them: nothing is sent meanwhile. */
export function WaitingForSignInBanner({ displayName }: { displayName: string }) {
  return (
    <div className="offline-banner" role="status">
      <strong>Offline — signed in as {displayName || 'you'};</strong> changes are kept on this device until HoneyDo can check your sign-in.
    </div>
  );
}
