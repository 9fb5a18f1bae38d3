import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { MeetingBody } from './meeting.enums';

@InputType({ description: 'A meeting to record.' })
export class ScheduleMeetingInput {
  @Field(() => MeetingBody, { description: 'Which body meets.' })
  body!: MeetingBody;

  @Field(() => LocalDateScalar, { description: 'A Working Day on which the body does not meet already.' })
  date!: LocalDate;

  @Field({ description: 'Its name, e.g. "SEC Panel 91".', nullable: true })
  @IsOptional()
  @MaxLength(300)
  title?: string;

  @Field(() => [String], { description: 'The proposals on its agenda, in order (references).', nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  agenda?: string[] | null;
}
