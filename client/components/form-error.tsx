/**
 * Why a form or panel could not do what was asked, announced to screen
 * readers as it appears. Renders nothing while there is nothing to say, so a
 * form can always place it.
 */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
