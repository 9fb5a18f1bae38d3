import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { MeetingBody } from './meeting.enums';

/** A Working Group, Panel, Change Board or other meeting; one per body and day. */
@ObjectType({ simpleResolvers: true, description: 'A meeting of a body of the SEC change process on a Working Day, with its agenda of proposals.' })
@Entity('meeting')
@Unique(['body', 'date'])
export class Meeting {
  @Field(() => ID, { description: 'The meeting, for the mutations that change it.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => MeetingBody, { description: 'Which body meets.' })
  @Column('text')
  body!: MeetingBody;

  @Field(() => LocalDateScalar, { description: 'The day it meets; a body meets once a day at most.' })
  @Column('date', { name: 'meeting_on' })
  date!: LocalDate;

  @Field(() => String, { nullable: true, description: 'Its name, e.g. "SEC Panel 91".' })
  @Column('text', { nullable: true })
  title!: string | null;

  @Field(() => Int, { nullable: true, description: "A Panel meeting's number (91 for 16 April 2021), which its papers' references cite; null for other bodies, or where the register has none (the papers then count one Panel a month from PANEL_NUMBERING)." })
  @Column('integer', { nullable: true })
  number!: number | null;

  @Field(() => String, { nullable: true, description: "SECAS's note on it, e.g. why it was moved." })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Set when the meeting was called off; it stays in the register, marked.' })
  @Column('date', { name: 'cancelled_on', nullable: true })
  cancelledOn!: LocalDate | null;

  @Field(() => String, { nullable: true, description: 'Why it was called off.' })
  @Column('text', { name: 'cancellation_reason', nullable: true })
  cancellationReason!: string | null;

  @Field(() => Int, { description: 'Goes up with every change; calendar feeds send it as the event SEQUENCE, so a calendar takes the newer one.' })
  @Column('integer', { default: 1 })
  version!: number;
}
