import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { ModificationPhase } from './modification.enums';

/** One row per change of phase, so that a proposal's history is never lost. */
// Its GraphQL face, field by field with what each means: PhaseChangeObject (phase-change.graphql-types.ts).
@Entity('phase_change')
@Index(['modificationId', 'on'])
export class PhaseChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Column('text', { name: 'from_phase', nullable: true })
  from!: ModificationPhase | null;

  @Column('text', { name: 'to_phase' })
  to!: ModificationPhase;

  @Column('date', { name: 'changed_on' })
  on!: LocalDate;

  @Column('text', { nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
