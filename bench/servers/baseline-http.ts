import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheSessions } from '../../server/auth/session-cache';
import { createSessionVerifier, type Session } from '../../server/auth/verify-session';
import type { StoredItem } from './baseline-store';

/**
 * The baselines verify tokens exactly as HoneyDo does: Clerk's verifyToken
 * with the same RS256 public key, and the same cache of verified tokens, so
 * the comparison is of the transports and not of token checks.
 */
export function baselineVerifier(publicKeyPem: string) {
  return cacheSessions(createSessionVerifier({ kind: 'local', tokenTtlSeconds: 3600 }, publicKeyPem));
}

/** `bench-list-12` → `bench-household-12`: the baselines keep no membership table, like the seed's handler. */
export const householdOfList = (listId: string) => listId.replace('bench-list-', 'bench-household-');

async function readJson(req: IncomingMessage): Promise<{ listId?: unknown; name?: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { listId?: unknown; name?: unknown };
}

/**
 * The seed's mutation route, `POST /items`: verify the bearer token, insert,
 * answer with the item, then hand it to `announce` for the room broadcast.
 */
export function itemRoute(
  verify: (token: string) => Promise<Session | null>,
  add: (listId: string, name: string, userId: string) => StoredItem,
  announce: (session: Session, item: StoredItem) => void,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST' || req.url !== '/items') {
      res.writeHead(404).end();
      return;
    }
    const session = await verify(req.headers.authorization?.replace(/^Bearer /, '') ?? '');
    if (!session) {
      res.writeHead(401).end();
      return;
    }
    const body = await readJson(req);
    if (typeof body.listId !== 'string' || typeof body.name !== 'string') {
      res.writeHead(400).end();
      return;
    }
    const item = add(body.listId, body.name, session.userId);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(item));
    announce(session, item);
  };
}
