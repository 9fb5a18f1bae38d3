import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { MeetingBody } from './meeting.enums';
import type { ScheduleMeetingInputFields } from './meeting.fields';

@InputType({ description: 'A meeting to record.' })
export class ScheduleMeetingInput implements ScheduleMeetingInputFields {
  @Field(() => MeetingBody, { description: 'Which body meets.' })
  body!: MeetingBody;

  @Field(() => LocalDateScalar, { description: 'A Working Day on which the body does not meet already.' })
  date!: LocalDate;

  @Field({ description: 'Its name, e.g. "SEC Panel 91".', nullable: true })
  @IsOptional()
  @MaxLength(300)
  title?: string;

  @Field(() => Int, { description: "A Panel meeting's number (91), which its papers' references cite; for the Panel only.", nullable: true })
  @IsOptional()
  @Min(1)
  @Max(100_000)
  number?: number | null;

  @Field(() => [String], { description: 'The proposals on its agenda, in order (references).', nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  agenda?: string[] | null;
}
