import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
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

@InputType({ description: 'A correction of an assessment: what is given is set (null clears a field that may be empty), what is left out stays.' })
export class CorrectAssessmentInput {
  @Field(() => String, { nullable: true, description: "The DCC's change request number, e.g. CR1352; null clears it." })
  @IsOptional()
  @MaxLength(30)
  changeRequest?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When SECAS asked for it (cannot be cleared).' })
  requestedOn?: LocalDate | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the DCC accepted it and its clock started; null: not accepted yet.' })
  acceptedOn?: LocalDate | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the DCC returned it and its clock stopped; null: not returned yet.' })
  returnedOn?: LocalDate | null;

  @Field(() => Int, { nullable: true, description: 'Its target in Working Days (15 for a PA, 40 for an IA by default).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'targetWorkingDays must be at least 1' })
  @Max(1000, { message: 'targetWorkingDays must be at most 1000' })
  targetWorkingDays?: number | null;

  @Field(() => Float, { nullable: true, description: 'What the DCC charged, in pounds; null clears it.' })
  costGbp?: number | null;

  @Field(() => String, { nullable: true, description: "The DCC's commentary on where it stands; null clears it." })
  @IsOptional()
  @MaxLength(10_000)
  commentary?: string | null;
}

