import type { ReactNode } from 'react';
import { Logo } from '../../components/logo';

/** The frame around sign-in: the brand and one card. */
export function AuthLayout({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth__brand">
        <Logo size={48} />
        <h1 className="auth__title">HoneyDo</h1>
        <p className="auth__tagline">{lead ?? 'The shopping list your household shares, live.'}</p>
      </div>
      <div className="auth__card">{children}</div>
    </main>
  );
}
