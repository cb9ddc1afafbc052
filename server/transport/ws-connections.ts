import type { WebSocket } from 'ws';
import type { FleetConnectionCounts } from './fleet-connection-counts';

/** Why a connection past MAX_CONNECTIONS_PER_IP is refused, on a socket's close, an upgrade's 429 and a stream's. */
export const IP_FULL_REASON = 'Too many connections from this address';

/** Close code asking the client to reconnect with a fresh token before its session expires. */
export const CLOSE_RENEW_SESSION = 4001;
/** Close code for a connection whose session expired without being renewed, or that never signed in. */
export const CLOSE_SESSION_EXPIRED = 4401;
/** 1008 "policy violation": too many connections for this user. */
export const CLOSE_POLICY = 1008;

/** How often deadlines are looked at: the most a close (or a ping) can come late. */
const SWEEP_EVERY_MS = 250;
/** How long a socket that was sent a PING gets to say anything before it is dropped. */
export const PONG_WAIT_MS = 5000;

interface Limits {
  connectionsPerIp: number;
  connectionsPerUser: number;
  wsAuthTimeoutMs: number;
}

interface Timing {
  renewLeadMs: number;
  authGraceMs: number;
  /** Silence after which a socket is sent tRPC's PING. */
  pingIntervalMs: number;
}

/**
 * What the registry counts and closes: a WebSocket, or the handle of a
 * subscription's Server-Sent Events stream (sse-subscriptions.ts), which is
 * never pinged (tRPC's SSE pings, and a stream cannot answer one).
 */
export interface Peer {
  close(code: number, reason: string): void;
  send(data: string): void;
  terminate(): void;
}

interface Entry {
  /** Names it among this process's connections in the fleet's counts. */
  id: string;
  ip: string;
  userId: string | null;
  /** Epoch ms at which `due` happens; Infinity once it has. */
  deadline: number;
  due: 'sign-in' | 'renew' | 'expire';
  /** Epoch ms of the last frame the client sent; Infinity for a stream, which has no keep-alive of ours. */
  heardAt: number;
  /** Epoch ms of the PING it has not answered yet, or 0. */
  pingedAt: number;
}

/**
 * Every open WebSocket with what it counts against (its address, its user)
 * and its next deadline: sign in within the auth timeout, renew before the
 * session expires, answer a PING in time. One sweep a quarter second closes
 * whatever is due. A timer and a close listener of each kind per socket cost
 * more memory than the rest of a connection's own state, and tRPC's
 * keep-alive re-armed two timers per socket on every frame
 * (docs/PERFORMANCE.md); this keeps one entry per socket, and listeners
 * shared by all of them.
 *
 * Keep-alive as tRPC's adapter had it: a socket silent for the ping interval
 * is sent `PING`; one that then says nothing (its `PONG` or any other frame)
 * for `PONG_WAIT_MS` is dropped, without a close handshake it would not answer.
 *
 * Why sessions end with a close and not tRPC's `reconnect` notice: on
 * @trpc/client 11.19.0 the notice never settles. The client closes the old
 * socket without waiting, and that socket's late `close` event starts
 * another reconnect, whose old socket does the same: a new connection every
 * retry delay for as long as a subscription is open. A close from our side
 * reconnects once, its async `connectionParams` send a fresh token and tRPC
 * resubscribes, resuming by `lastEventId`. A client that renews over the
 * connection (`auth.renewConnection`) is never closed.
 */
export class WebSocketConnections {
  private readonly entries = new Map<Peer, Entry>();
  private readonly perIp = new Map<string, number>();
  private readonly perUser = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;
  /** One listener function for every socket (`ws` calls it with the socket as `this`), not a closure each. */
  private readonly onFrame: (this: WebSocket) => void;
  private readonly onClose: (this: WebSocket) => void;
  private admitted = 0;

  /** `fleet`: where the other processes' connections are counted (with REDIS_URL); each limit is then the fleet's. */
  constructor(
    private readonly limits: Limits,
    private readonly timing: Timing,
    private readonly fleet: FleetConnectionCounts | null = null,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
    const entries = this.entries;
    this.onFrame = function heard() {
      const entry = entries.get(this);
      if (entry) entry.heardAt = Date.now();
    };
    const release = (socket: WebSocket) => this.release(socket);
    this.onClose = function closed() {
      release(this);
    };
  }

  /** Whether one more connection from `ip` would pass its limit, with `elsewhere` held by other processes; asked before the upgrade. */
  isIpFull(ip: string, elsewhere = 0): boolean {
    return (this.perIp.get(ip) ?? 0) + elsewhere >= this.limits.connectionsPerIp;
  }

  /** Counts a new socket against its address; it must sign in within the auth timeout. False (and closed) past the limit. */
  admit(socket: WebSocket, ip: string): boolean {
    if (this.isIpFull(ip)) {
      socket.close(CLOSE_POLICY, IP_FULL_REASON);
      return false;
    }
    const now = Date.now();
    this.add(socket, ip, { deadline: now + this.limits.wsAuthTimeoutMs, due: 'sign-in', heardAt: now });
    socket.on('message', this.onFrame);
    socket.on('close', this.onClose);
    return true;
  }

  /** The socket signed in as `userId` until `expiresAt`. False (and closed) when the user is at their limit, with `elsewhere` held by other processes. */
  signIn(socket: WebSocket, userId: string, expiresAt: number, elsewhere = 0): boolean {
    const entry = this.entries.get(socket);
    if (!entry) return false;
    if (this.isUserFull(userId, elsewhere)) {
      socket.close(CLOSE_POLICY, this.userFullReason());
      return false;
    }
    this.countUser(entry, userId);
    this.schedule(entry, expiresAt, this.timing.authGraceMs);
    return true;
  }

  /**
   * Counts a signed-in Server-Sent Events stream against its address and its
   * user, under the same limits as a WebSocket, with `elsewhere` held by other
   * processes. Its deadline is the session's, as a socket's, but without the
   * grace: a stream cannot renew in place, so it ends (`close` with
   * CLOSE_RENEW_SESSION or CLOSE_SESSION_EXPIRED) and its client reconnects
   * with a fresh token. Answers why it was refused, or null; a stream that was
   * admitted is let go with `release`.
   */
  admitStream(stream: Peer, ip: string, session: { userId: string; expiresAt: number }, elsewhere = { ip: 0, user: 0 }): string | null {
    if (this.isIpFull(ip, elsewhere.ip)) return IP_FULL_REASON;
    if (this.isUserFull(session.userId, elsewhere.user)) return this.userFullReason();
    const entry = this.add(stream, ip, { deadline: Infinity, due: 'expire', heardAt: Infinity });
    this.countUser(entry, session.userId);
    this.schedule(entry, session.expiresAt, 0);
    return null;
  }

  private add(peer: Peer, ip: string, timing: Pick<Entry, 'deadline' | 'due' | 'heardAt'>): Entry {
    increment(this.perIp, ip);
    const id = String(++this.admitted);
    this.fleet?.held('ip', ip, id);
    const entry: Entry = { id, ip, userId: null, ...timing, pingedAt: 0 };
    this.entries.set(peer, entry);
    return entry;
  }

  private isUserFull(userId: string, elsewhere: number): boolean {
    return (this.perUser.get(userId) ?? 0) + elsewhere >= this.limits.connectionsPerUser;
  }

  private userFullReason(): string {
    return `More than ${this.limits.connectionsPerUser} connections for this user`;
  }

  private countUser(entry: Entry, userId: string): void {
    increment(this.perUser, userId);
    this.fleet?.held('user', userId, entry.id);
    entry.userId = userId;
  }

  /** A renewed session now ends at `expiresAt`. */
  renew(socket: WebSocket, expiresAt: number): void {
    const entry = this.entries.get(socket);
    if (entry?.userId) this.schedule(entry, expiresAt, this.timing.authGraceMs);
  }

  /**
   * A session ending at `expiresAt` is asked to renew `renewLeadMs` before.
   * A connection that signs in with less than that left came back with the
   * token it was asked to replace (a token cache hands it out until shortly
   * before expiry): asking again would loop until the token expires, so it
   * keeps the grace and is then closed as expired; the same token no longer
   * verifies. `graceMs`: how long past expiry it may stay open to renew in place.
   */
  private schedule(entry: Entry, expiresAt: number, graceMs: number): void {
    const { renewLeadMs } = this.timing;
    const renewable = expiresAt - Date.now() > renewLeadMs;
    entry.due = renewable ? 'renew' : 'expire';
    entry.deadline = renewable ? expiresAt - renewLeadMs : expiresAt + graceMs;
  }

  /** Stops the sweep; the sockets themselves are closed by the server. */
  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    const { pingIntervalMs } = this.timing;
    // forEach, not for…of: the iterator's [key, value] pair per socket was most of what a sweep allocated.
    this.entries.forEach((entry, socket) => {
      if (entry.pingedAt > entry.heardAt) {
        if (now - entry.pingedAt >= PONG_WAIT_MS) socket.terminate();
      } else if (now - entry.heardAt >= pingIntervalMs) {
        entry.pingedAt = now;
        socket.send('PING');
      }
      if (entry.deadline > now) return;
      entry.deadline = Infinity;
      if (entry.due === 'renew') socket.close(CLOSE_RENEW_SESSION, 'Session renewal: reconnect with a fresh token');
      else socket.close(CLOSE_SESSION_EXPIRED, entry.due === 'sign-in' ? 'Not signed in' : 'Session expired');
    });
  }

  /** Uncounts a connection that ended; a socket's close does it by itself, a stream calls it. */
  release(peer: Peer): void {
    const entry = this.entries.get(peer);
    if (!entry) return;
    this.entries.delete(peer);
    decrement(this.perIp, entry.ip);
    this.fleet?.released('ip', entry.ip, entry.id);
    if (!entry.userId) return;
    decrement(this.perUser, entry.userId);
    this.fleet?.released('user', entry.userId, entry.id);
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}
