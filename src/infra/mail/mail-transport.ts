import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Logger } from '../logger';
import { SmtpConnections } from './smtp-connections';

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

export interface SendHooks {
  /**
   * Awaited once the whole message is in the server's hands and before its end is signalled: from
   * then on the server may take it, answer or no answer. Throwing stops the send there, the
   * message not taken.
   */
  beforeEndOfData?: () => Promise<void>;
}

/** Where mail goes: the SMTP server of SMTP_URL, or the dev mailbox's. */
export interface MailTransport {
  send(mail: OutgoingMail, hooks?: SendHooks): Promise<Delivery>;
  close(): Promise<void>;
}

/** A send that failed, and whether the end of the message had gone to the server by then. */
export class MailSendError extends Error {
  override readonly name = 'MailSendError';
  constructor(override readonly cause: unknown, readonly afterEndOfData: boolean) {
    super((cause as Error)?.message ?? String(cause));
  }
}

export interface MailErrorDescription {
  message: string;
  /** The server's final word on this message (5xx): retrying cannot mend it. */
  permanent: boolean;
  /**
   * No answer came after the end of the message was sent (a timeout, a dropped connection): the
   * server may have taken it. Sending it again now could deliver it twice.
   */
  inDoubt: boolean;
}

/**
 * An SMTP error as the outbox records it: the server's words, without the connection details a
 * password could hide in.
 */
export function describeMailError(err: unknown): MailErrorDescription {
  const afterEndOfData = err instanceof MailSendError && err.afterEndOfData;
  const cause = err instanceof MailSendError ? err.cause : err;
  const e = cause as { message?: string; responseCode?: number; code?: string; response?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const message = e.response ? `${e.code ?? 'SMTP'}: ${e.response}` : `${e.code ?? 'Error'}: ${e.message ?? String(cause)}`;
  return {
    message: message.slice(0, 1_000),
    permanent: code !== undefined && code >= 500 && code < 600,
    // A reply, even a refusal, settles it; silence after the end of the message does not.
    inDoubt: afterEndOfData && code === undefined,
  };
}

export interface SmtpOptions {
  /** smtp://user:pass@host:port or smtps://…; `?ignoreTLS=true` and the like are read by nodemailer. */
  url: string;
  maxConnections?: number;
  /** How long the server may take to answer; past RFC 5321's 10 minutes by default (see SmtpServerOptions). */
  answerTimeoutMs?: number;
}

/** Longer than RFC 5321's 10 minutes for the answer to the end of a message, and than any server waits. */
export const SMTP_ANSWER_TIMEOUT_MS = 11 * 60_000;

/**
 * Mail over SMTP, a few connections reused. Nothing here resends: a failed send is the outbox's
 * to judge (retry, fail, or in doubt), and a message is never multiplied below its sight. The
 * message is composed by nodemailer's MailComposer and streamed so that `beforeEndOfData` runs
 * after the server has said it will take a message and before the end of it is sent.
 */
export function smtpTransport(options: SmtpOptions, logger: Logger): MailTransport {
  const connections = new SmtpConnections({
    url: options.url, maxConnections: options.maxConnections ?? 3, maxMessages: 100, answerTimeoutMs: options.answerTimeoutMs ?? SMTP_ANSWER_TIMEOUT_MS,
  }, logger);
  return {
    async send(mail, hooks = {}) {
      const node = new MailComposer({
        from: mail.from,
        to: [...mail.to],
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      }).compile();
      const envelope = node.getEnvelope();
      const raw = await node.build();
      const message = endOfDataStream(raw, hooks.beforeEndOfData);
      let info;
      try {
        info = await connections.send(envelope, message);
      } catch (err) {
        throw new MailSendError(err, message.endSent);
      }
      const addresses = (list: unknown) => (Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : []);
      return { response: String(info.response ?? ''), accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    },
    async close() {
      connections.close();
    },
  };
}

/**
 * The message for SMTPConnection.send, which reads it once the server has answered DATA with 354.
 * Its end (after which the client sends the terminating dot) waits for `beforeEndOfData`: a
 * process that dies before then leaves a message the server discards; after it, one the server
 * may have taken.
 */
function endOfDataStream(raw: Buffer, beforeEndOfData?: () => Promise<void>): Readable & { endSent: boolean } {
  let state: 'unread' | 'read' | 'ending' = 'unread';
  const stream = new Readable({
    read() {
      if (state === 'unread') {
        state = 'read';
        this.push(raw);
        return;
      }
      if (state === 'ending') return;
      state = 'ending';
      (beforeEndOfData ?? (async () => undefined))().then(() => {
        result.endSent = true;
        this.push(null);
      }, (err: unknown) => this.destroy(err as Error));
    },
  });
  const result = Object.assign(stream, { endSent: false });
  return result;
}
