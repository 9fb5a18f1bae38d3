import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ConsultationKind } from './consultation.enums';

/** A Refinement or Modification Report Consultation on a proposal. */
@ObjectType({ description: 'A Refinement or Modification Report Consultation on a proposal: the day it opens, and the day it closes once known.', simpleResolvers: true })
@Entity('consultation')
@Unique(['modificationId', 'kind', 'opensOn'])
@Index(['opensOn'])
export class Consultation {
  @Field(() => ID, { description: 'The consultation, for updateConsultation and strikeOut.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Field(() => ConsultationKind, { description: 'Refinement or Modification Report Consultation.' })
  @Column('text')
  kind!: ConsultationKind;

  @Field(() => LocalDateScalar, { description: 'The day it opens, or is expected to open.' })
  @Column('date', { name: 'opens_on' })
  opensOn!: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null until a closing day is set.' })
  @Column('date', { name: 'closes_on', nullable: true })
  closesOn!: LocalDate | null;

  @Field(() => String, { description: "SECAS's note on it.", nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => Int, { description: "Goes up with every change; calendar feeds send it as the event's SEQUENCE." })
  @Column('integer', { default: 1 })
  version!: number;
}
