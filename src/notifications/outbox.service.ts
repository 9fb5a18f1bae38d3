import { randomUUID } from 'node:crypto';
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
  | { outcome: 'in-doubt'; why: string }
  | { outcome: 'failed'; error: string; permanent: boolean; final: boolean };

/**
 * How long a claim on a message holds: longer than any SMTP exchange can take (the transport waits
 * up to 11 minutes for an answer, past RFC 5321's 10). A claim older than this was left by a worker
 * that died while sending, and any send job may take it over; the job that made it may at once.
 */
export const CLAIM_LEASE_MINUTES = 15;

const DIED_AFTER_END_OF_DATA =
  'The worker sending it stopped after the end of the message had gone to the mail server, before the server answered: it may have taken it';

/**
 * The outbox: messages are recorded in the transaction that decides them, then delivered one send
 * job each. A sender claims the row (SENDING) in a short statement, talks to the mail server with
 * no transaction or connection held, then marks it SENT, or PENDING again to retry, or FAILED, or
 * IN_DOUBT when the end of the message went out and no answer came. Two jobs never send one
 * message at once; a SENT row is never sent again by a job, and an IN_DOUBT one only once its
 * doubt is settled (see MessageState.IN_DOUBT).
 */
export class OutboxService {
  constructor(
    private readonly jobs: JobQueue,
    private readonly mailFrom: string,
    /** MAIL_IN_DOUBT_RESEND_MINUTES: how long a message stays IN_DOUBT before the sweep sends it again; 0, only an admin does. */
    private readonly inDoubtResendMinutes = 240,
  ) {}

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
   * Messages still to deliver: PENDING ones, SENDING ones whose claim has lapsed (their worker died
   * mid-send: the send job decides whether to send or to doubt), and IN_DOUBT ones past the
   * policy's time, which go back to PENDING here, their Message-ID unchanged. Oldest first.
   */
  async undeliveredIds(ctx: Pick<ServiceContext, 'db' | 'logger'>): Promise<string[]> {
    if (this.inDoubtResendMinutes > 0) {
      const settled: Array<{ id: string }> = await ctx.db.query(
        `WITH s AS (
           UPDATE outbox_message SET state = 'PENDING', in_doubt_since = NULL, updated_at = now(),
                  last_error = left(coalesce(last_error || ' ', '') || '(resent by policy after ' || $1 || ' minutes in doubt)', 2000)
            WHERE state = 'IN_DOUBT' AND in_doubt_since < now() - make_interval(mins => $1) RETURNING id)
         SELECT id FROM s`,
        [this.inDoubtResendMinutes],
      );
      if (settled.length) ctx.logger.warn({ messages: settled.map((m) => m.id), afterMinutes: this.inDoubtResendMinutes }, 'messages in doubt for too long: sent again, with the same Message-ID');
    }
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
  async sweep(ctx: Pick<ServiceContext, 'db' | 'logger'>): Promise<number> {
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
    return toPage({ rows, first, totalCount, after, cursorOf: (o) => encodeCursor([o.id]) });
  }

  /**
   * An admin sends a FAILED or IN_DOUBT message again, on purpose: back to PENDING, with its
   * Message-ID, to the group's addresses as they are now (the admin may have just mended the one
   * that bounced), with a send job.
   */
  async resend(ctx: ServiceContext, id: string): Promise<OutboxMessage> {
    const message = await this.settleByAdmin(ctx, id, [MessageState.FAILED, MessageState.IN_DOUBT], 'resent', async (tx, row) => {
      const [report] = row.reportId ? await tx.query(`SELECT withdrawn_reason FROM report WHERE id = $1 AND withdrawn_at IS NOT NULL`, [row.reportId]) : [];
      if (report) throw new InvalidInputError(`The report this message carries was withdrawn (${report.withdrawn_reason}): it is never circulated`);
      const [group] = await tx.query(`SELECT addresses FROM recipient_group WHERE id = $1`, [row.groupId]);
      if (group) row.recipients = group.addresses;
      row.state = MessageState.PENDING;
      row.inDoubtSince = null;
    });
    await this.queueDelivery([message.id]);
    ctx.logger.info({ messageId: id, caller: ctx.caller?.name }, 'a message was queued to be sent again by an admin');
    return message;
  }

  /**
   * An admin settles a doubt the other way: the recipients say the message arrived, so it is SENT
   * (as of when its end went to the server) and never sent again.
   */
  async confirmSent(ctx: ServiceContext, id: string): Promise<OutboxMessage> {
    return this.settleByAdmin(ctx, id, [MessageState.IN_DOUBT], 'confirmed as sent', async (_tx, row) => {
      row.state = MessageState.SENT;
      row.sentAt = row.dataEndedAt ?? row.inDoubtSince ?? new Date();
      row.providerResponse = `(no answer from the mail server; confirmed as received by ${ctx.caller?.name ?? 'an admin'})`;
      row.inDoubtSince = null;
    });
  }

  private async settleByAdmin(
    ctx: ServiceContext, id: string, from: readonly MessageState[], what: string,
    change: (tx: EntityManager, row: OutboxMessage) => Promise<void>,
  ): Promise<OutboxMessage> {
    if (!isId(id)) throw new NotFoundError('Message', id);
    return ctx.db.transaction(async (tx) => {
      const row = await tx.getRepository(OutboxMessage).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('Message', id);
      if (!from.includes(row.state)) {
        throw new InvalidInputError(
          row.state === MessageState.SENT
            ? `The message was sent at ${row.sentAt?.toISOString()}; only a ${from.join(' or ')} message can be ${what}`
            : `The message is ${row.state}: only a ${from.join(' or ')} message can be ${what}` +
              (row.state === MessageState.PENDING || row.state === MessageState.SENDING ? ' (this one is being delivered, retried with backoff until the mail server takes it)' : ''),
        );
      }
      await change(tx, row);
      return tx.getRepository(OutboxMessage).save(row);
    });
  }

  /**
   * One delivery attempt. Claims the message (SENDING) in a short statement: a PENDING one, or a
   * SENDING one whose claim is this job's own (its worker died mid-send and the queue handed the job
   * on) or has lapsed. A claim taken over from a send that had got as far as the end of the message
   * is not sent again: the server may have it, so it becomes IN_DOUBT. Then talks to the mail server
   * with no transaction open, noting (and awaiting) when the end of the message is about to go, and
   * records what it said: SENT; FAILED on the last attempt or a 5xx; IN_DOUBT when no answer came
   * after the end of the message; else PENDING again for the queue to retry with backoff. A
   * message another job holds is 'busy'. (The queue hands a job on only once its worker's lock has
   * lapsed; a worker whose event loop stalled past the lock while alive finds its claim taken by
   * its own job's next attempt, with another token: its end-of-data note is refused, and it sends
   * no end.)
   */
  async deliver(ctx: ServiceContext, id: string, transport: MailTransport, attempt: { jobId: string; last: boolean }): Promise<DeliveryOutcome> {
    // This attempt's own claim: a later attempt of the same job re-claims with another token.
    const token = randomUUID();
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING as [rows, count].
    const [row] = await ctx.db.query(
      `WITH cur AS (
         SELECT id, state, data_ended_at IS NOT NULL AS ended,
                state = 'SENDING' AND (claimed_by = $2 OR claimed_at < now() - make_interval(mins => $3)) AS abandoned
           FROM outbox_message WHERE id = $1 FOR UPDATE),
       doubted AS (
         UPDATE outbox_message o SET state = 'IN_DOUBT', in_doubt_since = now(), claimed_at = NULL, claimed_by = NULL, claim_token = NULL, last_error = $4, updated_at = now()
           FROM cur WHERE o.id = cur.id AND cur.abandoned AND cur.ended RETURNING o.id),
       claimed AS (
         UPDATE outbox_message o SET state = 'SENDING', claimed_at = now(), claimed_by = $2, claim_token = $5, data_ended_at = NULL, attempts = o.attempts + 1, updated_at = now()
           FROM cur WHERE o.id = cur.id AND (cur.state = 'PENDING' OR (cur.abandoned AND NOT cur.ended))
           RETURNING o.message_id, o.recipients, o.subject, o.text_body, o.html_body, o.report_id)
       SELECT cur.state AS was, EXISTS (SELECT 1 FROM doubted) AS doubted, claimed.*, r.pdf, r.kind, r.period, r.version
         FROM cur LEFT JOIN claimed ON true LEFT JOIN report r ON r.id = claimed.report_id`,
      [id, attempt.jobId, CLAIM_LEASE_MINUTES, DIED_AFTER_END_OF_DATA, token],
    );
    if (!row) return { outcome: 'skipped', why: 'no such message' };
    if (row.doubted) return { outcome: 'in-doubt', why: DIED_AFTER_END_OF_DATA };
    if (!row.message_id) return row.was === MessageState.SENDING ? { outcome: 'busy' } : { outcome: 'skipped', why: `it is ${row.was}` };
    let delivery;
    try {
      delivery = await transport.send({
        from: this.mailFrom, to: row.recipients, subject: row.subject, text: row.text_body, html: row.html_body, messageId: row.message_id,
        attachments: row.pdf ? [{ filename: reportFileName(row.kind, row.period, row.version, 'pdf'), content: row.pdf, contentType: 'application/pdf' }] : [],
      }, {
        // From here the server may take the message whatever befalls this worker: say so first.
        beforeEndOfData: async () => {
          const marked = await ctx.db.query(`UPDATE outbox_message SET data_ended_at = now() WHERE id = $1 AND state = 'SENDING' AND claim_token = $2 RETURNING id`, [id, token]);
          if (!marked[1]) throw new Error('The claim on the message was taken over while it was being sent: its end is not sent');
        },
      });
    } catch (err) {
      const { message, permanent, inDoubt } = describeMailError(err);
      const final = attempt.last || permanent;
      const state = inDoubt ? MessageState.IN_DOUBT : final ? MessageState.FAILED : MessageState.PENDING;
      await ctx.db.query(
        `UPDATE outbox_message SET state = $3, claimed_at = NULL, claimed_by = NULL, claim_token = NULL, last_error = $4, updated_at = now(),
                in_doubt_since = CASE WHEN $3 = 'IN_DOUBT' THEN now() END
          WHERE id = $1 AND state = 'SENDING' AND claim_token = $2`,
        [id, token, state, message],
      );
      return inDoubt ? { outcome: 'in-doubt', why: message } : { outcome: 'failed', error: message, permanent, final };
    }
    // The server has it. Should this write fail, the claim lapses and the send job, taken up
    // again, finds the end of the message sent: IN_DOUBT, never sent twice unseen.
    await ctx.db.query(
      `UPDATE outbox_message SET state = 'SENT', claimed_at = NULL, claimed_by = NULL, claim_token = NULL, in_doubt_since = NULL, sent_at = now(), updated_at = now(),
              provider_response = $2, last_error = coalesce($3, last_error) WHERE id = $1`,
      [id, delivery.response, delivery.rejected.length ? `refused recipients: ${delivery.rejected.join(', ')}` : null],
    );
    return { outcome: 'sent', response: delivery.response, rejected: delivery.rejected };
  }
}
