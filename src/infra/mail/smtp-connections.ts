import type { Readable } from 'node:stream';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection, { type SMTPConnectionSendInfo, type SMTPEnvelope } from 'nodemailer/lib/smtp-connection';
import type { Logger } from '../logger';

export interface SmtpServerOptions {
  /** smtp://user:pass@host:port or smtps://…; `?ignoreTLS=true` and the like are read as nodemailer reads them. */
  url: string;
  /** Connections open at once, at most. */
  maxConnections: number;
  /** Messages one connection carries before it is closed and another opened. */
  maxMessages: number;
  /**
   * How long to wait for any answer of the server, the one to the end of a message included.
   * RFC 5321 (4.5.3.2) has a client wait 10 minutes for that one: a server may take that long to
   * commit a message, and a client that gives up sooner may send it twice.
   */
  answerTimeoutMs: number;
}

interface Pooled {
  connection: SMTPConnection;
  messages: number;
  /** Closed by the server, or failed: never handed out again. */
  broken: boolean;
  /** Counted out of `open` already. */
  discarded: boolean;
}

/**
 * A few SMTP connections to one server, reused for many messages (nodemailer's SMTPConnection,
 * its low-level client). Its pooled transport cannot be used here: it reads a message before
 * the server has said it will take one, where the outbox must know when the end of the message
 * can reach the server (see `endOfDataStream`). One message per connection at a time.
 */
export class SmtpConnections {
  private readonly idle: Pooled[] = [];
  private readonly waiting: Array<(pooled: Pooled | null) => void> = [];
  private open = 0;
  private closed = false;

  constructor(private readonly server: SmtpServerOptions, private readonly logger: Logger) {}

  /**
   * Sends one message over a connection of the pool. A connection the server closed while it was
   * idle fails before a byte of the message is read: the message then goes over a fresh one.
   */
  async send(envelope: SMTPEnvelope, message: Readable): Promise<SMTPConnectionSendInfo> {
    for (let attempt = 1; ; attempt++) {
      const pooled = await this.acquire();
      try {
        const info = await new Promise<SMTPConnectionSendInfo>((resolve, reject) => {
          pooled.connection.send(envelope, message, (err, sent) => (err ? reject(err) : resolve(sent)));
        });
        pooled.messages += 1;
        this.release(pooled);
        return info;
      } catch (err) {
        const wasReused = pooled.messages > 0;
        this.discard(pooled);
        if (attempt === 1 && wasReused && !message.readableDidRead && (err as { responseCode?: number }).responseCode === undefined) continue;
        throw err;
      }
    }
  }

  /** Closes the idle connections now and the busy ones as they come back. */
  close(): void {
    this.closed = true;
    for (const pooled of this.idle.splice(0)) this.discard(pooled, true);
    for (const wake of this.waiting.splice(0)) wake(null);
  }

  private async acquire(): Promise<Pooled> {
    for (;;) {
      if (this.closed) throw Object.assign(new Error('The mail transport is closed'), { code: 'ECONNECTION' });
      const idle = this.idle.pop();
      if (idle && !idle.broken) return idle;
      if (idle) {
        this.discard(idle);
        continue;
      }
      if (this.open < this.server.maxConnections) return this.connect();
      const freed = await new Promise<Pooled | null>((resolve) => this.waiting.push(resolve));
      if (freed && !freed.broken) return freed;
    }
  }

  private async connect(): Promise<Pooled> {
    this.open += 1;
    const { auth, ...options } = parseConnectionUrl(this.server.url);
    const connection = new SMTPConnection({
      ...(options as SMTPConnection.Options),
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: this.server.answerTimeoutMs,
    });
    const pooled: Pooled = { connection, messages: 0, broken: false, discarded: false };
    // An idle connection the server drops says so here; a busy one also fails its send.
    connection.on('error', (err: Error) => {
      pooled.broken = true;
      this.logger.debug({ err: { message: err.message, code: (err as { code?: string }).code } }, 'SMTP connection error');
    });
    connection.on('end', () => {
      pooled.broken = true;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        connection.once('error', reject);
        connection.connect(() => {
          connection.removeListener('error', reject);
          resolve();
        });
      });
      if (auth) await new Promise<void>((resolve, reject) => connection.login(auth as SMTPConnection.AuthenticationType, (err) => (err ? reject(err) : resolve())));
      return pooled;
    } catch (err) {
      this.discard(pooled);
      throw err;
    }
  }

  private release(pooled: Pooled): void {
    if (pooled.broken || this.closed || pooled.messages >= this.server.maxMessages) return this.discard(pooled, true);
    const next = this.waiting.shift();
    if (next) next(pooled);
    else this.idle.push(pooled);
  }

  private discard(pooled: Pooled, politely = false): void {
    if (pooled.discarded) return;
    pooled.discarded = true;
    this.open -= 1;
    if (politely && !pooled.broken) pooled.connection.quit();
    else pooled.connection.close();
    pooled.broken = true;
    // Room for another connection: whoever waits opens one.
    this.waiting.shift()?.(null);
  }
}
