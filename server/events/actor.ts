/** Who is acting, and the idempotency key of their call when they sent one. */
export interface Actor {
  userId: string;
  clientId?: string;
}
