import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout; the level comes from configuration. */
export function createLogger(level: string, name = 'sec-tracker'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}
