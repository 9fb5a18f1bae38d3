import { Writable } from 'node:stream';
import pino from 'pino';
import type { Logger } from '../../src/infra/logger';

/** A logger whose JSON lines a test reads back: as written (`raw`) and parsed (`lines`). */
export function capturedLog(level = 'info'): { logger: Logger; raw: string[]; lines: Array<Record<string, any>> } {
  const raw: string[] = [];
  const lines: Array<Record<string, any>> = [];
  const logger = pino({ level }, new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  }));
  return { logger, raw, lines };
}
