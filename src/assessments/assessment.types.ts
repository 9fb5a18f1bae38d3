import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { type Connection, connectionOf } from '../graphql/pagination';
import { LocalDateScalar } from '../graphql/scalars';
import { Assessment } from './assessment.entity';
import { AssessmentType, SlaStatusEnum } from './assessment.enums';

@ObjectType()
export class AssessmentSla {
  @Field(() => LocalDateScalar)
  asOf!: LocalDate;

  @Field(() => SlaStatusEnum)
  status!: SlaStatusEnum;

  @Field(() => Int, { nullable: true, description: 'Working Days counted so far, pauses excluded; null before acceptance.' })
  elapsedWorkingDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'targetWorkingDays minus elapsedWorkingDays; negative once overdue; null before acceptance.' })
  remainingWorkingDays!: number | null;
}

export const AssessmentConnection = connectionOf(Assessment, { one: 'assessment', many: 'assessments' });
export type AssessmentConnection = Connection<Assessment>;

@InputType()
export class AssessmentFilter {
  @Field(() => AssessmentType, { nullable: true })
  type?: AssessmentType | null;

  @Field(() => [SlaStatusEnum], { nullable: true })
  statuses?: SlaStatusEnum[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the statuses are judged on (default: today in Europe/London).' })
  asOf?: LocalDate | null;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(30)
  modification?: string;
}

@InputType()
export class RequestAssessmentInput {
  @Field()
  @MaxLength(30)
  modification!: string;

  @Field(() => AssessmentType)
  type!: AssessmentType;

  @Field(() => LocalDateScalar)
  requestedOn!: LocalDate;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'targetWorkingDays must be at least 1' })
  @Max(1000, { message: 'targetWorkingDays must be at most 1000' })
  targetWorkingDays?: number;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(30)
  changeRequest?: string;
}

export const MAX_COST_GBP = 1_000_000_000;

