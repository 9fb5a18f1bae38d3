import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { MeetingBody } from './meeting.enums';

/** A Working Group, Panel, Change Board or other meeting; one per body and day. */
@ObjectType({ simpleResolvers: true })
@Entity('meeting')
@Unique(['body', 'date'])
export class Meeting {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => MeetingBody)
  @Column('text')
  body!: MeetingBody;

  @Field(() => LocalDateScalar)
  @Column('date', { name: 'meeting_on' })
  date!: LocalDate;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => Int)
  @Column('integer', { default: 1 })
  version!: number;
}
