import { Field, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { type Connection, connectionOf } from '../graphql/pagination';
import { LocalDateScalar } from '../graphql/scalars';
import type { OutboxMessage } from './outbox-message.entity';
import { OutboxMessageObject } from './outbox-message.graphql-types';

@ObjectType({ description: 'What a recipient group would be sent on a day, rendered but neither sent nor recorded.' })
export class DigestPreview {
  @Field({ description: 'The recipient group previewed.' })
  group!: string;

  @Field(() => LocalDateScalar, { description: 'The day previewed.' })
  day!: LocalDate;

  @Field({ description: 'False on a day that is not a Working Day, or with nothing to say: no email.' })
  wouldSend!: boolean;

  @Field(() => String, { nullable: true, description: 'Why no email would go out.' })
  reason!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: "Changes are those after this day: the group's last digest, or the Working Day before." })
  changesSince!: LocalDate | null;

  @Field(() => String, { description: 'The subject; null when nothing would be sent.', nullable: true })
  subject!: string | null;

  @Field(() => String, { description: 'The plain-text part; null when nothing would be sent.', nullable: true })
  text!: string | null;

  @Field(() => String, { description: 'The HTML part; null when nothing would be sent.', nullable: true })
  html!: string | null;
}

export const OutboxMessageConnection = connectionOf(OutboxMessageObject, { one: 'message', many: 'messages', type: 'OutboxMessage' });
export type OutboxMessageConnection = Connection<OutboxMessage>;
