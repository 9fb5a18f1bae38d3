import pino from 'pino';
import type { Logger } from '../../../src/infra/logger';
import type { LogLine } from './worker-children';

/** A pino logger whose lines a test can read (the worker's failure logs are part of its contract). */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (text: string) => void lines.push(JSON.parse(text) as LogLine) });
  return { logger, lines };
}
