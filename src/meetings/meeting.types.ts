import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { MeetingBody } from './meeting.enums';

@InputType()
export class ScheduleMeetingInput {
  @Field(() => MeetingBody)
  body!: MeetingBody;

  @Field(() => LocalDateScalar)
  date!: LocalDate;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(300)
  title?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  agenda?: string[] | null;
}
