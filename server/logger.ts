import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Tokens never reach a log line: they are read from
 * headers and connectionParams only to be verified, and these paths are
 * redacted in case a future log call passes a request through.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'connectionParams.token', '*.token'],
  });
}
