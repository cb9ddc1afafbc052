import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Tokens never reach a log line: they are read from
 * headers and connectionParams only to be verified, and these paths (a
 * `token` or `password` at the top or one level down) are redacted in case a
 * future log call passes a request or an input through.
 * `destination` defaults to stdout; tests pass one to read what was logged.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: ['req.headers.authorization', 'connectionParams.token', 'token', '*.token', 'password', '*.password'] };
  return destination ? pino(options, destination) : pino(options);
}
