import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { MeetingBody } from './meeting.enums';

/** A Working Group, Panel, Change Board or other meeting; one per body and day. */
// Its GraphQL face, field by field with what each means: MeetingObject (meeting.graphql-types.ts).
@Entity('meeting')
@Unique(['body', 'date'])
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  body!: MeetingBody;

  @Column('date', { name: 'meeting_on' })
  date!: LocalDate;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('integer', { nullable: true })
  number!: number | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('date', { name: 'cancelled_on', nullable: true })
  cancelledOn!: LocalDate | null;

  @Column('text', { name: 'cancellation_reason', nullable: true })
  cancellationReason!: string | null;

  @Column('integer', { default: 1 })
  version!: number;
}
