import type { Logger } from 'pino';
import { createLogger } from '../../server/logger';

export interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface CapturedLogs {
  /** The server's own logger (its redaction included), writing here: pass it as `startServer({ log })`. */
  log: Logger;
  /** Everything logged so far, as written. */
  text(): string;
  entries(): LogEntry[];
  /** Resolves with the first entry that matches, or fails after `timeoutMs`. */
  waitFor(match: (entry: LogEntry) => boolean, description: string, timeoutMs?: number): Promise<LogEntry>;
}

/** Captures what a test server logs, at `level` (everything by default). */
export function captureLogs(level = 'trace'): CapturedLogs {
  const lines: string[] = [];
  const parsed: LogEntry[] = [];
  const waiters = new Set<(entry: LogEntry) => void>();
  const log = createLogger(level, {
    write(chunk: string) {
      for (const line of chunk.split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as LogEntry;
        lines.push(line);
        parsed.push(entry);
        waiters.forEach((wake) => wake(entry));
      }
    },
  });
  return {
    log,
    text: () => lines.join('\n'),
    entries: () => [...parsed],
    waitFor: (match, description, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const earlier = parsed.find(match);
        if (earlier) return resolve(earlier);
        const wake = (entry: LogEntry) => {
          if (!match(entry)) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(entry);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for a log entry: ${description}`));
        }, timeoutMs);
        waiters.add(wake);
      }),
  };
}
