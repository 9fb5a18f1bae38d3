import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { DecisionBody } from './decision.enums';
import type { DecisionInputFields, UpdateDecisionInputFields } from './decision.fields';

@InputType({ description: 'A decision to record.' })
export class DecisionInput implements DecisionInputFields {
  @Field({ description: 'The proposal (a reference).' }) @MaxLength(30) modification!: string;
  @Field(() => DecisionBody, { description: 'Who decided.' }) body!: DecisionBody;
  @Field(() => LocalDateScalar, { description: "When (not after today); it must fit the proposal's phase and path that day." }) on!: LocalDate;
  @Field({ description: 'What was decided, e.g. APPROVED.' }) @Length(1, 100, { message: 'outcome must be 1 to 100 characters, e.g. APPROVED' }) outcome!: string;
  @Field({ description: "SECAS's note on it.", nullable: true }) @IsOptional() @MaxLength(10_000) note?: string;

  @Field(() => [String], { nullable: true, description: "SEC Objectives cited, e.g. ['a', 'g']." })
  @IsOptional()
  @ArrayMaxSize(20)
  objectives?: string[] | null;
}

@InputType({ description: 'A correction of a decision: what is given is set, what is left out stays.' })
export class UpdateDecisionInput implements UpdateDecisionInputFields {
  @Field(() => DecisionBody, { nullable: true, description: 'Who decided.' }) body?: DecisionBody | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'When (not after today).' }) on?: LocalDate | null;
  @Field({ nullable: true, description: 'What was decided, e.g. APPROVED.' }) @IsOptional() @Length(1, 100, { message: 'outcome must be 1 to 100 characters, e.g. APPROVED' }) outcome?: string;
  @Field(() => [String], { nullable: true, description: "SEC Objectives cited, (a) to (i), e.g. ['a', 'g']." }) @IsOptional() @ArrayMaxSize(20) objectives?: string[] | null;
  @Field(() => String, { nullable: true, description: "SECAS's note; null clears it." }) @IsOptional() @MaxLength(10_000) note?: string | null;
}
