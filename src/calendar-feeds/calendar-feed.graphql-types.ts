import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';

/** A CalendarFeed row as the API shows it, kept with the API: never its token's hash, nor its key. */
@ObjectType('CalendarFeed', { description: 'A calendar feed (iCalendar) of meetings, deadlines, consultation windows and assessment targets.' })
export class CalendarFeedObject {
  @Field(() => ID, { description: 'The feed, for revokeCalendarFeed.' })
  id!: string;

  @Field({ description: 'What the feed is for, e.g. "SECAS shared calendar".' })
  name!: string;

  @Field(() => DateTimeScalar, { description: 'When the feed was made.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it was revoked; its URL answers 410 from then on.', nullable: true })
  revokedAt!: Date | null;
}
