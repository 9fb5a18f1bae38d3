import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Logger } from '../logger';
import { SmtpRefusal, startSmtpReceiver } from './smtp-receiver';

/**
 * The mail of a machine with no SMTP_URL: an SMTP server inside the worker, on loopback, that
 * keeps each message as an .eml file under DATA_DIR/mailbox. Mail takes the same SMTP path as in
 * production; the API lists and shows the files at /admin/mailbox where DEV_MAILBOX asks for it.
 */
export interface DevMailboxServer {
  /** smtp://127.0.0.1:PORT, for the transport. */
  url: string;
  close(): Promise<void>;
}

export function mailboxDir(dataDir: string): string {
  return path.join(dataDir, 'mailbox');
}

export async function startDevMailbox(dir: string, logger: Logger): Promise<DevMailboxServer> {
  await fs.mkdir(dir, { recursive: true });
  const receiver = await startSmtpReceiver({
    onMessage: async (raw) => {
      // Time first, so that names sort by arrival; the random part keeps two messages of one
      // millisecond (one pooled connection sends many) from sharing a name.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(6).toString('hex')}.eml`;
      try {
        await fs.writeFile(path.join(dir, name), raw, { flag: 'wx' });
      } catch (err) {
        logger.error({ err }, 'dev mailbox: could not store a message');
        throw new SmtpRefusal(451, 'could not store the message');
      }
      return `stored in the dev mailbox as ${name}`;
    },
  });
  logger.info({ dir }, 'no SMTP_URL: mail goes to the dev mailbox (shown at /admin/mailbox on the API where DEV_MAILBOX, or npm run demo, asks for it)');
  return receiver;
}

export interface MailboxEntry {
  file: string;
  subject: string;
  from: string;
  to: string;
  date: Date | null;
}

/** The stored messages, newest first. */
export async function listMailbox(dir: string): Promise<MailboxEntry[]> {
  let files: string[];
  try {
    files = (await fs.readdir(dir)).filter((f) => f.endsWith('.eml')).sort().reverse();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(await fs.readFile(path.join(dir, file)));
      const text = (a: unknown) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : ((a as { text?: string } | undefined)?.text ?? ''));
      return { file, subject: parsed.subject ?? '(no subject)', from: text(parsed.from), to: text(parsed.to), date: parsed.date ?? null };
    }),
  );
}

/** One stored message, parsed; null for a name that is not one of the mailbox's files. */
export async function readMailboxMessage(dir: string, file: string) {
  if (!/^[\w.-]+\.eml$/.test(file)) return null;
  try {
    const raw = await fs.readFile(path.join(dir, file));
    return { raw, parsed: await simpleParser(raw) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
