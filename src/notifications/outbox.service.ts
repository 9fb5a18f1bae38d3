import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from '../common/pages';
import { describeMailError, type MailTransport } from '../infra/mail/mail-transport';
import type { JobQueue } from '../queue/job-queue';
import { MessageState, OutboxMessage } from './outbox-message.entity';
import type { RecipientGroup } from './recipient-group.entity';
import { reportFileName } from '../reports/report-links';
import type { RenderedMessage } from './templates/render-digest';

export interface NewMessage {
  kind: string;
  key: string;
  group: RecipientGroup;
  day: LocalDate;
  message: RenderedMessage;
  /** The last sla_transition the message reports (a digest's watermark). */
  coveredTransitionId: string | null;
  /** A report whose PDF the message carries: attached when it is sent, from the report's row. */
  reportId?: string | null;
}

/** What one delivery attempt did. */
export type DeliveryOutcome =
  | { outcome: 'sent'; response: string; rejected: string[] }
  | { outcome: 'skipped'; why: string }
  | { outcome: 'busy' }
  | { outcome: 'failed'; error: string; permanent: boolean; final: boolean };

/**
 * How long a claim on a message holds: far longer than any SMTP exchange (the transport's socket
 * timeout is a minute). A claim older than this was left by a worker that died while sending.
 */
export const CLAIM_LEASE_MINUTES = 10;

/**
 * The outbox: messages are recorded in the transaction that decides them, then delivered one send
 * job each. A sender claims the row (SENDING) in a short transaction of its own, talks to the mail
 * server with no transaction or connection held, then marks it SENT, or PENDING again to retry,
 * or FAILED. Two jobs never send one message at once; a SENT row is never sent again by a job.
 */
export class OutboxService {
  constructor(private readonly jobs: JobQueue, private readonly mailFrom: string) {}

  /** Kind, group and day: one message each, ever. */
  deduplicationKey(kind: string, groupId: string, day: LocalDate): string {
    return `${kind}:${groupId}:${day}`;
  }

  /** The Message-ID derives from the key, in the sender's domain: a repeat carries the same one. */
  messageIdOf(key: string): string {
    const domain = /@([^\s>]+)>?\s*$/.exec(this.mailFrom)?.[1] ?? 'sec-tracker.localhost';
    return `<${key.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`;
  }

  async isRecorded(tx: EntityManager, key: string): Promise<boolean> {
    return tx.getRepository(OutboxMessage).existsBy({ deduplicationKey: key });
  }

  /** Records one message as PENDING; a key recorded already (a concurrent run) records nothing. */
  async record(tx: EntityManager, m: NewMessage): Promise<void> {
    await tx.query(
      `INSERT INTO outbox_message (kind, group_id, day, deduplication_key, message_id, recipients, subject, text_body, html_body, covered_transition_id, report_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (deduplication_key) DO NOTHING`,
      [m.kind, m.group.id, m.day, m.key, this.messageIdOf(m.key), m.group.addresses, m.message.subject, m.message.text, m.message.html, m.coveredTransitionId, m.reportId ?? null],
    );
  }

  /**
   * Messages still to deliver: PENDING ones, and SENDING ones whose claim has lapsed (their
   * worker died mid-send). Oldest first.
   */
  async undeliveredIds(ctx: Pick<ServiceContext, 'db'>): Promise<string[]> {
    const rows: Array<{ id: string }> = await ctx.db.query(
      `SELECT id FROM outbox_message
        WHERE state = 'PENDING' OR (state = 'SENDING' AND claimed_at < now() - make_interval(mins => $1))
        ORDER BY created_at, id`,
      [CLAIM_LEASE_MINUTES],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Queues a send job for each message (deduplicated per message by the contract). Whatever a
   * crash, a failed enqueue or a lost job left undelivered, the sweep (every few minutes, and at
   * each worker start) queues again.
   */
  async queueDelivery(ids: readonly string[]): Promise<void> {
    await this.jobs.enqueueMany('mail-send', ids.map((messageId) => ({ messageId })));
  }

  /** Queues every undelivered message; returns how many. */
  async sweep(ctx: Pick<ServiceContext, 'db'>): Promise<number> {
    const ids = await this.undeliveredIds(ctx);
    await this.queueDelivery(ids);
    return ids.length;
  }

  async find(ctx: ServiceContext, id: string): Promise<OutboxMessage | null> {
    return isId(id) ? ctx.db.getRepository(OutboxMessage).findOneBy({ id }) : null;
  }

  /** Newest first. */
  async list(ctx: ServiceContext, state: MessageState | null | undefined, first: number, after?: string | null): Promise<Page<OutboxMessage>> {
    checkPageSize(first);
    const query = ctx.db.getRepository(OutboxMessage).createQueryBuilder('o');
    if (state) query.andWhere('o.state = :state', { state });
    const totalCount = await query.clone().getCount();
    if (after) {
      const [id] = decodeCursor(after, 1);
      if (typeof id !== 'string' || !isId(id)) throw new InvalidInputError(`after: ${JSON.stringify(after)} is not a cursor this API gave out`);
      // The row's own created_at, at full precision (a JavaScript Date would cut it to milliseconds).
      query.andWhere('(o.created_at, o.id) < (SELECT c.created_at, c.id FROM outbox_message c WHERE c.id = :id::uuid)', { id });
    }
    const rows = await query.orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(first + 1).getMany();
    return toPage(rows, first, totalCount, (o) => encodeCursor([o.id]));
  }

  /**
   * An admin sends a FAILED message again, on purpose: back to PENDING, to the group's addresses
   * as they are now (the admin may have just mended the one that bounced), with a send job.
   */
  async resend(ctx: ServiceContext, id: string): Promise<OutboxMessage> {
    if (!isId(id)) throw new NotFoundError('Message', id);
    const message = await ctx.db.transaction(async (tx) => {
      const row = await tx.getRepository(OutboxMessage).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('Message', id);
      if (row.state !== MessageState.FAILED) {
        throw new InvalidInputError(
          row.state === MessageState.SENT
            ? `The message was sent at ${row.sentAt?.toISOString()}; only a FAILED message can be resent`
            : `The message is ${row.state}: it is being delivered (retried with backoff until the mail server takes it)`,
        );
      }
      const [group] = await tx.query(`SELECT addresses FROM recipient_group WHERE id = $1`, [row.groupId]);
      if (group) row.recipients = group.addresses;
      row.state = MessageState.PENDING;
      return tx.getRepository(OutboxMessage).save(row);
    });
    await this.queueDelivery([message.id]);
    ctx.logger.info({ messageId: id, caller: ctx.caller?.name }, 'a failed message was queued to be sent again');
    return message;
  }

  /**
   * One delivery attempt: claim the message (SENDING) in a short transaction, talk to the mail
   * server with no transaction open, then record what it said. A refusal becomes FAILED on the
   * last attempt or a permanent (5xx) refusal, else PENDING again for BullMQ to retry with backoff.
   * A message another worker is sending is 'busy': the caller retries later, by which time that
   * worker has finished, or died and its claim lapsed.
   */
  async deliver(ctx: ServiceContext, id: string, transport: MailTransport, lastAttempt: boolean): Promise<DeliveryOutcome> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING as [rows, count].
    const [claimed] = await ctx.db.query(
      `WITH claimed AS (
         UPDATE outbox_message SET state = 'SENDING', claimed_at = now(), attempts = attempts + 1, updated_at = now()
          WHERE id = $1 AND (state = 'PENDING' OR (state = 'SENDING' AND claimed_at < now() - make_interval(mins => $2)))
          RETURNING message_id, recipients, subject, text_body, html_body, report_id)
       SELECT claimed.*, r.pdf, r.period, r.version FROM claimed LEFT JOIN report r ON r.id = claimed.report_id`,
      [id, CLAIM_LEASE_MINUTES],
    );
    if (!claimed) {
      const [row] = await ctx.db.query(`SELECT state FROM outbox_message WHERE id = $1`, [id]);
      if (!row) return { outcome: 'skipped', why: 'no such message' };
      return row.state === MessageState.SENDING ? { outcome: 'busy' } : { outcome: 'skipped', why: `it is ${row.state}` };
    }
    let delivery;
    try {
      delivery = await transport.send({
        from: this.mailFrom, to: claimed.recipients, subject: claimed.subject, text: claimed.text_body, html: claimed.html_body, messageId: claimed.message_id,
        attachments: claimed.pdf ? [{ filename: reportFileName(claimed.period, claimed.version, 'pdf'), content: claimed.pdf, contentType: 'application/pdf' }] : [],
      });
    } catch (err) {
      const { message, permanent } = describeMailError(err);
      const final = lastAttempt || permanent;
      await ctx.db.query(
        `UPDATE outbox_message SET state = $2, claimed_at = NULL, last_error = $3, updated_at = now() WHERE id = $1 AND state = 'SENDING'`,
        [id, final ? MessageState.FAILED : MessageState.PENDING, message],
      );
      return { outcome: 'failed', error: message, permanent, final };
    }
    // The server has it. Should this write fail, the claim lapses and the message goes once more,
    // with the same Message-ID: the one window SMTP leaves open, and the header closes it.
    await ctx.db.query(
      `UPDATE outbox_message SET state = 'SENT', claimed_at = NULL, sent_at = now(), updated_at = now(),
              provider_response = $2, last_error = coalesce($3, last_error) WHERE id = $1`,
      [id, delivery.response, delivery.rejected.length ? `refused recipients: ${delivery.rejected.join(', ')}` : null],
    );
    return { outcome: 'sent', response: delivery.response, rejected: delivery.rejected };
  }
}
