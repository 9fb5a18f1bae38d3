import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { isId } from '../common/ids';
import type { ServiceContext } from '../common/service-context';
import { checkPageSize, decodeCursor, encodeCursor, type Page, toPage } from '../graphql/pagination';
import { describeMailError, type MailTransport } from '../infra/mail/mail-transport';
import type { JobQueue } from '../queue/job-queue';
import { MessageState, OutboxMessage } from './outbox-message.entity';
import type { RecipientGroup } from './recipient-group.entity';
import type { RenderedMessage } from './templates/render-digest';

export interface NewMessage {
  kind: string;
  key: string;
  group: RecipientGroup;
  day: LocalDate;
  message: RenderedMessage;
}

/** What one delivery attempt did. */
export type DeliveryOutcome =
  | { outcome: 'sent'; response: string; rejected: string[] }
  | { outcome: 'skipped'; why: string }
  | { outcome: 'failed'; error: string; permanent: boolean; final: boolean };

/**
 * The outbox: messages are recorded in the transaction that decides them, then delivered one send
 * job each. A row is claimed (locked) while it is sent, so two jobs never send one message at once;
 * a sent row is never sent again by a job, only by an admin's resend of a failed one.
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
      `INSERT INTO outbox_message (kind, group_id, day, deduplication_key, message_id, recipients, subject, text_body, html_body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (deduplication_key) DO NOTHING`,
      [m.kind, m.group.id, m.day, m.key, this.messageIdOf(m.key), m.group.addresses, m.message.subject, m.message.text, m.message.html],
    );
  }

  async pendingIds(ctx: Pick<ServiceContext, 'db'>, filter: { kind?: string; day?: LocalDate } = {}): Promise<string[]> {
    const rows: Array<{ id: string }> = await ctx.db.query(
      `SELECT id FROM outbox_message
        WHERE state = 'PENDING' AND ($1::text IS NULL OR kind = $1) AND ($2::date IS NULL OR day = $2)
        ORDER BY created_at, id`,
      [filter.kind ?? null, filter.day ?? null],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Queues a send job for each message (deduplicated per message by the contract). After a crash
   * between recording and queueing, the next digest run or worker start queues what was missed.
   */
  async queueDelivery(ids: readonly string[]): Promise<void> {
    await this.jobs.enqueueMany('mail-send', ids.map((messageId) => ({ messageId })));
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
      const [createdAt, id] = decodeCursor(after, 2);
      if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || typeof id !== 'string' || !isId(id)) {
        throw new InvalidInputError(`after: ${JSON.stringify(after)} is not a cursor this API gave out`);
      }
      query.andWhere('(o.created_at, o.id) < (:createdAt::timestamptz, :id::uuid)', { createdAt, id });
    }
    const rows = await query.orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(first + 1).getMany();
    return toPage(rows, first, totalCount, (o) => encodeCursor([o.createdAt.toISOString(), o.id]));
  }

  /** An admin sends a FAILED message again, on purpose: it goes back to PENDING and gets a send job. */
  async resend(ctx: ServiceContext, id: string): Promise<OutboxMessage> {
    if (!isId(id)) throw new NotFoundError('Message', id);
    const message = await ctx.db.transaction(async (tx) => {
      const row = await tx.getRepository(OutboxMessage).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('Message', id);
      if (row.state !== MessageState.FAILED) {
        throw new InvalidInputError(
          row.state === MessageState.SENT
            ? `The message was sent at ${row.sentAt?.toISOString()}; only a FAILED message can be resent`
            : 'The message is still PENDING: its send job is delivering it',
        );
      }
      row.state = MessageState.PENDING;
      return tx.getRepository(OutboxMessage).save(row);
    });
    await this.queueDelivery([message.id]);
    ctx.logger.info({ messageId: id, caller: ctx.caller?.name }, 'a failed message was queued to be sent again');
    return message;
  }

  /**
   * One delivery attempt. The row stays locked while the mail server answers. A refusal is
   * recorded (attempts, last error) and becomes FAILED on the last attempt or a permanent (5xx)
   * refusal; the caller rethrows for BullMQ to retry with backoff.
   */
  async deliver(ctx: ServiceContext, id: string, transport: MailTransport, lastAttempt: boolean): Promise<DeliveryOutcome> {
    return ctx.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `SELECT id, state, message_id, recipients, subject, text_body, html_body FROM outbox_message WHERE id = $1 FOR UPDATE SKIP LOCKED`,
        [id],
      );
      if (!row) {
        const exists = await tx.getRepository(OutboxMessage).existsBy({ id });
        return { outcome: 'skipped', why: exists ? 'another worker is sending it' : 'no such message' } as const;
      }
      if (row.state !== MessageState.PENDING) return { outcome: 'skipped', why: `it is ${row.state}` } as const;
      try {
        const delivery = await transport.send({
          from: this.mailFrom, to: row.recipients, subject: row.subject, text: row.text_body, html: row.html_body, messageId: row.message_id,
        });
        await tx.query(
          `UPDATE outbox_message SET state = 'SENT', attempts = attempts + 1, sent_at = now(), updated_at = now(),
                  provider_response = $2, last_error = coalesce($3, last_error) WHERE id = $1`,
          [id, delivery.response, delivery.rejected.length ? `refused recipients: ${delivery.rejected.join(', ')}` : null],
        );
        return { outcome: 'sent', response: delivery.response, rejected: delivery.rejected } as const;
      } catch (err) {
        const { message, permanent } = describeMailError(err);
        const final = lastAttempt || permanent;
        await tx.query(
          `UPDATE outbox_message SET attempts = attempts + 1, last_error = $2, state = $3, updated_at = now() WHERE id = $1`,
          [id, message, final ? MessageState.FAILED : MessageState.PENDING],
        );
        return { outcome: 'failed', error: message, permanent, final } as const;
      }
    });
  }
}
