import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { ConsultationKind } from './consultation.enums';

/** A Refinement or Modification Report Consultation on a proposal. */
// Its GraphQL face, field by field with what each means: ConsultationObject (consultation.graphql-types.ts).
@Entity('consultation')
@Unique(['modificationId', 'kind', 'opensOn'])
@Index(['opensOn'])
export class Consultation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Column('text')
  kind!: ConsultationKind;

  @Column('date', { name: 'opens_on' })
  opensOn!: LocalDate;

  @Column('date', { name: 'closes_on', nullable: true })
  closesOn!: LocalDate | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('integer', { default: 1 })
  version!: number;
}
