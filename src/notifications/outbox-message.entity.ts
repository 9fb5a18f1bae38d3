import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';

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
registerEnumType(MessageState, {
  name: 'MessageState',
  description: 'Where an email of the outbox stands.',
  valuesConfig: {
    FAILED: { description: 'Refused for good, or still refused after every retry; an admin may resend it.' },
    IN_DOUBT: { description: "Its end went to the mail server and no answer came: the server may have it. Not sent again until the policy's time passes or an admin settles it." },
    PENDING: { description: 'Recorded; a send job delivers it, and retries with backoff while the mail server refuses.' },
    SENDING: { description: 'A worker is talking to the mail server about it now.' },
    SENT: { description: 'The mail server took it (its reply is in providerResponse).' },
  },
});

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
@ObjectType({ description: 'An email the service decided to send, and what became of it.' })
@Entity('outbox_message')
export class OutboxMessage {
  @Field(() => ID, { description: 'The message, for resendMessage and confirmMessageSent.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'What kind of message: sla-digest, change-status-report, modification-timetables, panel-paper.' })
  @Column('text')
  kind!: string;

  @Column('uuid', { name: 'group_id' })
  groupId!: string;

  @Field(() => LocalDateScalar, { description: 'The day the message is for.' })
  @Column('date')
  day!: LocalDate;

  @Field({ description: 'Kind, group and day: a second message with the same key is never recorded.' })
  @Column('text', { name: 'deduplication_key' })
  deduplicationKey!: string;

  @Field({ description: 'The Message-ID header, derived from the key: a mail server that saw it once can drop a repeat.' })
  @Column('text', { name: 'message_id' })
  messageId!: string;

  @Field(() => [String], { description: 'Who it goes to.' })
  @Column('text', { array: true })
  recipients!: string[];

  @Field({ description: 'Its subject.' })
  @Column('text')
  subject!: string;

  @Field({ description: 'The plain-text part.' })
  @Column('text', { name: 'text_body' })
  text!: string;

  @Field({ description: 'The HTML part.' })
  @Column('text', { name: 'html_body' })
  html!: string;

  @Field(() => MessageState, { description: 'Where it stands.' })
  @Column('text')
  state!: MessageState;

  @Field(() => Int, { description: 'Delivery attempts so far.' })
  @Column('integer', { default: 0 })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Field(() => String, { nullable: true, description: "The mail server's reply to the delivery, e.g. 250 queued as ABC123." })
  @Column('text', { name: 'provider_response', nullable: true })
  providerResponse!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the mail server took it; null before.', nullable: true })
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

  @Field(() => DateTimeScalar, { nullable: true, description: 'Since when the message is IN_DOUBT: the server may have taken it, and never answered.' })
  @Column('timestamptz', { name: 'in_doubt_since', nullable: true })
  inDoubtSince!: Date | null;

  @Column('bigint', { name: 'covered_transition_id', nullable: true })
  coveredTransitionId!: string | null;

  /** The report whose PDF the message carries, if any. */
  @Column('uuid', { name: 'report_id', nullable: true })
  reportId!: string | null;
}
