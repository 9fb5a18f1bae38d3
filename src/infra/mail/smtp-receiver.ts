import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** An SMTP reply other than 250: the code the client sees, e.g. 451 (try later) or 550 (never). */
export class SmtpRefusal extends Error {
  constructor(readonly responseCode: number, message: string) {
    super(message);
  }
}

export interface SmtpReceiverHandlers {
  /** The whole message as sent; resolves with the text after "250 ", or rejects with an SmtpRefusal. */
  onMessage(raw: Buffer): Promise<string>;
  /** Refuse a recipient by throwing an SmtpRefusal. */
  onRecipient?(address: SMTPServerAddress): void;
}

export interface SmtpReceiver {
  /** smtp://127.0.0.1:PORT for nodemailer: plain SMTP on loopback. */
  url: string;
  close(): Promise<void>;
}

/**
 * An SMTP server on loopback (nodemailer's smtp-server) that hands each message to a callback:
 * the dev mailbox's, and the tests' and benchmarks' mail servers. No TLS and no AUTH: nothing
 * but this machine reaches it.
 */
export async function startSmtpReceiver(handlers: SmtpReceiverHandlers): Promise<SmtpReceiver> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      try {
        handlers.onRecipient?.(address);
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        handlers.onMessage(Buffer.concat(chunks)).then((reply) => callback(null, reply), (err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
