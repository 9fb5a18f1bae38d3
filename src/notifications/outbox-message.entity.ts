import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';

export enum MessageState {
  /** Recorded; a send job delivers it (and retries with backoff while the mail server refuses). */
  PENDING = 'PENDING',
  /** A worker is talking to the mail server about it now (or died doing so: its claim lapses). */
  SENDING = 'SENDING',
  /** The mail server took it (its reply is in providerResponse). */
  SENT = 'SENT',
  /** Refused for good, or still refused after every retry; an admin may resend it. */
  FAILED = 'FAILED',
  /**
   * The end of the message went to the mail server and no answer came (a timeout, a dropped
   * connection, a worker that died waiting): the server may have taken it. Not sent again until
   * the doubt is settled: by policy after MAIL_IN_DOUBT_RESEND_MINUTES (same Message-ID), or by
   * an admin (resendMessage, or confirmMessageSent once the recipients say it arrived).
   */
  IN_DOUBT = 'IN_DOUBT',
}

export enum MessageKind {
  SLA_DIGEST = 'sla-digest',
  /** The monthly Change Status Report, its PDF attached. */
  CHANGE_STATUS_REPORT = 'change-status-report',
  /** The monthly Modification Timetables paper, its PDF attached. */
  MODIFICATION_TIMETABLES = 'modification-timetables',
  /** A Panel paper an admin circulated (circulateReport), its PDF attached: once per version and group. */
  PANEL_PAPER = 'panel-paper',
}

/** One email, recorded before it is sent (the outbox): a crash or an outage loses none. */
// Its GraphQL face, field by field with what each means: OutboxMessageObject (outbox-message.graphql-types.ts).
@Entity('outbox_message')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  kind!: string;

  @Column('uuid', { name: 'group_id' })
  groupId!: string;

  @Column('date')
  day!: LocalDate;

  @Column('text', { name: 'deduplication_key' })
  deduplicationKey!: string;

  @Column('text', { name: 'message_id' })
  messageId!: string;

  @Column('text', { array: true })
  recipients!: string[];

  @Column('text')
  subject!: string;

  @Column('text', { name: 'text_body' })
  text!: string;

  @Column('text', { name: 'html_body' })
  html!: string;

  @Column('text')
  state!: MessageState;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('text', { name: 'provider_response', nullable: true })
  providerResponse!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  /** The send job that claimed it: taken up again after its worker died, the job knows the claim as its own. */
  @Column('text', { name: 'claimed_by', nullable: true })
  claimedBy!: string | null;

  /** When the end of the message was about to go to the server: from then the server may have taken it. */
  @Column('timestamptz', { name: 'data_ended_at', nullable: true })
  dataEndedAt!: Date | null;

  @Column('timestamptz', { name: 'in_doubt_since', nullable: true })
  inDoubtSince!: Date | null;

  @Column('bigint', { name: 'covered_transition_id', nullable: true })
  coveredTransitionId!: string | null;

  /** The report whose PDF the message carries, if any. */
  @Column('uuid', { name: 'report_id', nullable: true })
  reportId!: string | null;
}
