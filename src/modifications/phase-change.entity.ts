import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { ModificationPhase } from './modification.enums';

/** One row per change of phase, so that a proposal's history is never lost. */
@ObjectType({ description: 'A move of a proposal from one phase to another, dated.', simpleResolvers: true })
@Entity('phase_change')
@Index(['modificationId', 'on'])
export class PhaseChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Field(() => ModificationPhase, { description: 'The phase it left; null for the first.', nullable: true })
  @Column('text', { name: 'from_phase', nullable: true })
  from!: ModificationPhase | null;

  @Field(() => ModificationPhase, { description: 'The phase it entered.' })
  @Column('text', { name: 'to_phase' })
  to!: ModificationPhase;

  @Field(() => LocalDateScalar, { description: 'When.' })
  @Column('date', { name: 'changed_on' })
  on!: LocalDate;

  @Field(() => String, { description: 'Why, as recorded.', nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
