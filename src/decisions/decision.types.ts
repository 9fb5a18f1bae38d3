import { ArrayMaxSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { DecisionBody } from './decision.enums';

@InputType()
export class DecisionInput {
  @Field() @MaxLength(30) modification!: string;
  @Field(() => DecisionBody) body!: DecisionBody;
  @Field(() => LocalDateScalar) on!: LocalDate;
  @Field() @Length(1, 100, { message: 'outcome must be 1 to 100 characters, e.g. APPROVED' }) outcome!: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(10_000) note?: string;

  @Field(() => [String], { nullable: true, description: "SEC Objectives cited, e.g. ['a', 'g']." })
  @IsOptional()
  @ArrayMaxSize(20)
  objectives?: string[] | null;
}
