import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { DecisionPath, ModificationKind, ModificationPhase } from './modification.enums';

/** A Draft or Modification Proposal: one row of the SEC Modification Register. */
// Its GraphQL face, field by field with what each means: ModificationObject (modification.graphql-types.ts).
@Entity('modification')
export class Modification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { unique: true })
  reference!: string;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('text', { nullable: true })
  summary!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text')
  kind!: ModificationKind;

  @Column('text')
  phase!: ModificationPhase;

  @Column('text', { nullable: true })
  path!: DecisionPath | null;

  @Column('text', { nullable: true })
  proposer!: string | null;

  @Column('text', { name: 'proposer_organisation', nullable: true })
  proposerOrganisation!: string | null;

  @Column('date', { name: 'raised_on', nullable: true })
  raisedOn!: LocalDate | null;

  @Column('boolean', { name: 'on_hold', default: false })
  onHold!: boolean;

  @Column('text', { name: 'on_hold_reason', nullable: true })
  onHoldReason!: string | null;

  @Column('uuid', { name: 'target_release_id', nullable: true })
  targetReleaseId!: string | null;

  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
