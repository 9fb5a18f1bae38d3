import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { MeetingBody } from './meeting.enums';
import type { Meeting } from './meeting.entity';

/** A Meeting row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('Meeting', { simpleResolvers: true, description: 'A meeting of a body of the SEC change process on a Working Day, with its agenda of proposals.' })
export class MeetingObject implements Partial<Meeting> {
  @Field(() => ID, { description: 'The meeting, for the mutations that change it.' })
  id!: string;

  @Field(() => MeetingBody, { description: 'Which body meets.' })
  body!: MeetingBody;

  @Field(() => LocalDateScalar, { description: 'The day it meets; a body meets once a day at most.' })
  date!: LocalDate;

  @Field(() => String, { nullable: true, description: 'Its name, e.g. "SEC Panel 91".' })
  title!: string | null;

  @Field(() => Int, { nullable: true, description: "A Panel meeting's number (91 for 16 April 2021), which its papers' references cite; null for other bodies, or where the register has none (the papers then count one Panel a month from PANEL_NUMBERING)." })
  number!: number | null;

  @Field(() => String, { nullable: true, description: "SECAS's note on it, e.g. why it was moved." })
  note!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Set when the meeting was called off; it stays in the register, marked.' })
  cancelledOn!: LocalDate | null;

  @Field(() => String, { nullable: true, description: 'Why it was called off.' })
  cancellationReason!: string | null;

  @Field(() => Int, { description: 'Goes up with every change; calendar feeds send it as the event SEQUENCE, so a calendar takes the newer one.' })
  version!: number;
}
