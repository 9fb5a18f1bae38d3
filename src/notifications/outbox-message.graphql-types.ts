import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { DateTimeScalar, LocalDateScalar } from '../graphql/scalars';
import { MessageState, type OutboxMessage } from './outbox-message.entity';

/** An OutboxMessage row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('OutboxMessage', { description: 'An email the service decided to send, and what became of it.' })
export class OutboxMessageObject implements Partial<OutboxMessage> {
  @Field(() => ID, { description: 'The message, for resendMessage and confirmMessageSent.' })
  id!: string;

  @Field({ description: 'What kind of message: sla-digest, change-status-report, modification-timetables, panel-paper.' })
  kind!: string;

  @Field(() => LocalDateScalar, { description: 'The day the message is for.' })
  day!: LocalDate;

  @Field({ description: 'Kind, group and day: a second message with the same key is never recorded.' })
  deduplicationKey!: string;

  @Field({ description: 'The Message-ID header, derived from the key: a mail server that saw it once can drop a repeat.' })
  messageId!: string;

  @Field(() => [String], { description: 'Who it goes to.' })
  recipients!: string[];

  @Field({ description: 'Its subject.' })
  subject!: string;

  @Field({ description: 'The plain-text part.' })
  text!: string;

  @Field({ description: 'The HTML part.' })
  html!: string;

  @Field(() => MessageState, { description: 'Where it stands.' })
  state!: MessageState;

  @Field(() => Int, { description: 'Delivery attempts so far.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field(() => String, { nullable: true, description: "The mail server's reply to the delivery, e.g. 250 queued as ABC123." })
  providerResponse!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the mail server took it; null before.', nullable: true })
  sentAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Since when the message is IN_DOUBT: the server may have taken it, and never answered.' })
  inDoubtSince!: Date | null;
}
