import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { type Connection, connectionOf } from '../graphql/pagination';
import { LocalDateScalar } from '../graphql/scalars';
import { Assessment } from './assessment.entity';
import { AssessmentType, SlaStatusEnum } from './assessment.enums';
import { AssessmentObject } from './assessment.graphql-types';
import type { AssessmentFilterFields, RequestAssessmentInputFields, CorrectAssessmentInputFields } from './assessment.fields';

@ObjectType({ description: "An assessment's SLA position on a day, by the Code's Working Day rules." })
export class AssessmentSla {
  @Field(() => LocalDateScalar, { description: 'The day it is judged on.' })
  asOf!: LocalDate;

  @Field(() => SlaStatusEnum, { description: 'Where it stands that day.' })
  status!: SlaStatusEnum;

  @Field(() => Int, { nullable: true, description: 'Working Days counted so far, pauses excluded; null before acceptance.' })
  elapsedWorkingDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'targetWorkingDays minus elapsedWorkingDays; negative once overdue; null before acceptance.' })
  remainingWorkingDays!: number | null;
}

export const AssessmentConnection = connectionOf(AssessmentObject, { type: 'Assessment',  one: 'assessment', many: 'assessments' });
export type AssessmentConnection = Connection<Assessment>;

@InputType({ description: 'Which assessments a page holds.' })
export class AssessmentFilter implements AssessmentFilterFields {
  @Field(() => AssessmentType, { description: 'Only Preliminary or only Impact Assessments.', nullable: true })
  type?: AssessmentType | null;

  @Field(() => [SlaStatusEnum], { description: 'Only those in one of these SLA statuses on asOf.', nullable: true })
  statuses?: SlaStatusEnum[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the statuses are judged on (default: today in Europe/London).' })
  asOf?: LocalDate | null;

  @Field({ description: 'Only those of this proposal (a reference).', nullable: true })
  @IsOptional()
  @MaxLength(30)
  modification?: string;
}

@InputType({ description: 'An assessment SECAS asks the DCC for.' })
export class RequestAssessmentInput implements RequestAssessmentInputFields {
  @Field({ description: 'The proposal (a reference).' })
  @MaxLength(30)
  modification!: string;

  @Field(() => AssessmentType, { description: 'Preliminary or Impact Assessment.' })
  type!: AssessmentType;

  @Field(() => LocalDateScalar, { description: 'When (not after today).' })
  requestedOn!: LocalDate;

  @Field(() => Int, { description: 'Its target in Working Days; default 15 for a PA, 40 for an IA.', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'targetWorkingDays must be at least 1' })
  @Max(1000, { message: 'targetWorkingDays must be at most 1000' })
  targetWorkingDays?: number;

  @Field({ description: "The DCC's change request number, e.g. CR1352.", nullable: true })
  @IsOptional()
  @MaxLength(30)
  changeRequest?: string;
}


@InputType({ description: 'A correction of an assessment: what is given is set (null clears a field that may be empty), what is left out stays.' })
export class CorrectAssessmentInput implements CorrectAssessmentInputFields {
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
