import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ConsultationKind } from './consultation.enums';

@InputType()
export class ConsultationInput {
  @Field() @MaxLength(30) modification!: string;
  @Field(() => ConsultationKind) kind!: ConsultationKind;
  @Field(() => LocalDateScalar) opensOn!: LocalDate;
  @Field(() => LocalDateScalar, { nullable: true }) closesOn?: LocalDate | null;
  @Field({ nullable: true }) @IsOptional() @MaxLength(10_000) note?: string;
}

@InputType({ description: 'A correction of a consultation: what is given is set, what is left out stays.' })
export class UpdateConsultationInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it opens.' }) opensOn?: LocalDate | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it closes, after it opens; null until set.' }) closesOn?: LocalDate | null;
  @Field({ nullable: true, description: "SECAS's note on it." }) @IsOptional() @MaxLength(10_000) note?: string;
}
