import pino, { type Logger } from 'pino';

/** Logs go to stderr (or a file) so that stdout stays the conversation on the shell channel. */
export function createLogger(level: string, destination?: string): Logger {
  return pino({ level, base: undefined }, destination ? pino.destination({ dest: destination, mkdir: true, sync: false }) : pino.destination(2));
}
