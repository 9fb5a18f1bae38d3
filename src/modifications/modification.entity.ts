import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { DecisionPath, ModificationKind, ModificationPhase } from './modification.enums';

/** A Draft or Modification Proposal: one row of the SEC Modification Register. */
@ObjectType({ simpleResolvers: true })
@Entity('modification')
export class Modification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'DP156, MP107, SECMP0015: unique, as the Code Administrator writes it.' })
  @Column('text', { unique: true })
  reference!: string;

  @Field(() => String, { nullable: true, description: 'Null only for records imported from a source that did not give it.' })
  @Column('text', { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  summary!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => ModificationKind)
  @Column('text')
  kind!: ModificationKind;

  @Field(() => ModificationPhase)
  @Column('text')
  phase!: ModificationPhase;

  @Field(() => DecisionPath, { nullable: true })
  @Column('text', { nullable: true })
  path!: DecisionPath | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  proposer!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'proposer_organisation', nullable: true })
  proposerOrganisation!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column('date', { name: 'raised_on', nullable: true })
  raisedOn!: LocalDate | null;

  @Field()
  @Column('boolean', { name: 'on_hold', default: false })
  onHold!: boolean;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'on_hold_reason', nullable: true })
  onHoldReason!: string | null;

  @Column('uuid', { name: 'target_release_id', nullable: true })
  targetReleaseId!: string | null;

  @Field(() => Int, { description: 'Increases with every change; pass it back to update safely.' })
  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
