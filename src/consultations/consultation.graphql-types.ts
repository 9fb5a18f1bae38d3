import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ConsultationKind } from './consultation.enums';
import type { Consultation } from './consultation.entity';

/** A Consultation row as the API shows it, kept with the API: the entity carries no GraphQL. */
@ObjectType('Consultation', { description: 'A Refinement or Modification Report Consultation on a proposal: the day it opens, and the day it closes once known.', simpleResolvers: true })
export class ConsultationObject implements Partial<Consultation> {
  @Field(() => ID, { description: 'The consultation, for updateConsultation and strikeOut.' })
  id!: string;

  @Field(() => ConsultationKind, { description: 'Refinement or Modification Report Consultation.' })
  kind!: ConsultationKind;

  @Field(() => LocalDateScalar, { description: 'The day it opens, or is expected to open.' })
  opensOn!: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null until a closing day is set.' })
  closesOn!: LocalDate | null;

  @Field(() => String, { description: "SECAS's note on it.", nullable: true })
  note!: string | null;

  @Field(() => Int, { description: "Goes up with every change; calendar feeds send it as the event's SEQUENCE." })
  version!: number;
}
