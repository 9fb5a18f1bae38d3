import nodemailer from 'nodemailer';
import type { Logger } from '../logger';

export interface OutgoingMail {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, with its angle brackets. */
  messageId: string;
  attachments?: ReadonlyArray<{ filename: string; content: Buffer; contentType: string }>;
}

export interface Delivery {
  /** The server's final reply, e.g. "250 queued as ABC123". */
  response: string;
  accepted: string[];
  rejected: string[];
}

/** Where mail goes: the SMTP server of SMTP_URL, or the dev mailbox's. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<Delivery>;
  close(): Promise<void>;
}

/**
 * An SMTP error as the outbox records it: the server's words, without the connection details a
 * password could hide in.
 */
export function describeMailError(err: unknown): { message: string; permanent: boolean } {
  const e = err as { message?: string; responseCode?: number; code?: string; response?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const message = e.response ? `${e.code ?? 'SMTP'}: ${e.response}` : `${e.code ?? 'Error'}: ${e.message ?? String(err)}`;
  // 5xx is the server's final word on this message (a refused recipient, say): retrying cannot mend it.
  return { message: message.slice(0, 1_000), permanent: code !== undefined && code >= 500 && code < 600 };
}

export interface SmtpOptions {
  /** smtp://user:pass@host:port or smtps://…; `?ignoreTLS=true` and the like are read by nodemailer. */
  url: string;
  maxConnections?: number;
}

/**
 * Nodemailer, pooled, over one SMTP server. Its own resends are off (`maxRequeues: 0`): a dropped
 * connection fails the send, and the outbox's job retries it with backoff and the same
 * Message-ID, so a message is never multiplied below the outbox's sight.
 */
export function smtpTransport(options: SmtpOptions, logger: Logger): MailTransport {
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections ?? 3,
    maxMessages: 100,
    maxRequeues: 0,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  transporter.on('error', (err) => logger.warn({ err: describeMailError(err) }, 'mail transport error'));
  return {
    async send(mail) {
      const info = await transporter.sendMail({
        from: mail.from,
        to: [...mail.to],
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
      const addresses = (list: unknown) => (Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : []);
      return { response: String(info.response ?? ''), accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    },
    async close() {
      transporter.close();
    },
  };
}
