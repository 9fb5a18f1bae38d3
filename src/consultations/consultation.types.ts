import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ConsultationKind } from './consultation.enums';
import type { ConsultationInputFields, UpdateConsultationInputFields } from './consultation.fields';

@InputType({ description: 'A consultation to open on a proposal.' })
export class ConsultationInput implements ConsultationInputFields {
  @Field({ description: 'The proposal (a reference).' }) @MaxLength(30) modification!: string;
  @Field(() => ConsultationKind, { description: 'Refinement or Modification Report Consultation.' }) kind!: ConsultationKind;
  @Field(() => LocalDateScalar, { description: 'The day it opens (a plan may lie ahead).' }) opensOn!: LocalDate;
  @Field(() => LocalDateScalar, { description: 'The day it closes, after it opens; may be set later (updateConsultation).', nullable: true }) closesOn?: LocalDate | null;
  @Field({ description: "SECAS's note on it.", nullable: true }) @IsOptional() @MaxLength(10_000) note?: string;
}

@InputType({ description: 'A correction of a consultation: what is given is set, what is left out stays.' })
export class UpdateConsultationInput implements UpdateConsultationInputFields {
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it opens.' }) opensOn?: LocalDate | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it closes, after it opens; null until set.' }) closesOn?: LocalDate | null;
  @Field({ nullable: true, description: "SECAS's note on it." }) @IsOptional() @MaxLength(10_000) note?: string;
}
