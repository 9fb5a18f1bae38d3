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
}
registerEnumType(MessageState, { name: 'MessageState' });

export enum MessageKind {
  SLA_DIGEST = 'sla-digest',
  /** The monthly Change Status Report, its PDF attached. */
  CHANGE_STATUS_REPORT = 'change-status-report',
}

/** One email, recorded before it is sent (the outbox): a crash or an outage loses none. */
@ObjectType({ description: 'An email the service decided to send, and what became of it.' })
@Entity('outbox_message')
export class OutboxMessage {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'What kind of message: sla-digest, change-status-report.' })
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

  @Field(() => [String])
  @Column('text', { array: true })
  recipients!: string[];

  @Field()
  @Column('text')
  subject!: string;

  @Field({ description: 'The plain-text part.' })
  @Column('text', { name: 'text_body' })
  text!: string;

  @Field({ description: 'The HTML part.' })
  @Column('text', { name: 'html_body' })
  html!: string;

  @Field(() => MessageState)
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

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt!: Date | null;

  @Column('bigint', { name: 'covered_transition_id', nullable: true })
  coveredTransitionId!: string | null;
}
