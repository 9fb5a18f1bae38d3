import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../graphql/scalars';

/**
 * A subscribable calendar of the register, for Outlook or Google Calendar. Only the SHA-256 of its
 * token is kept; the token is in the URL shown once, at creation. It belongs to the key that made
 * it and dies with it: revoked, expired or deleted, the feed answers no more.
 */
@ObjectType({ description: 'A calendar feed (iCalendar) of meetings, deadlines, consultation windows and assessment targets.' })
@Entity('calendar_feed')
export class CalendarFeed {
  @Field(() => ID, { description: 'The feed, for revokeCalendarFeed.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'What the feed is for, e.g. "SECAS shared calendar".' })
  @Column('text')
  name!: string;

  @Column('text', { name: 'token_hash', unique: true })
  tokenHash!: string;

  @Column('uuid', { name: 'api_key_id' })
  apiKeyId!: string;

  @Field(() => DateTimeScalar, { description: 'When the feed was made.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it was revoked; its URL answers 410 from then on.', nullable: true })
  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
