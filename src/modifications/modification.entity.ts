import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { DecisionPath, ModificationKind, ModificationPhase } from './modification.enums';

/** A Draft or Modification Proposal: one row of the SEC Modification Register. */
@ObjectType({ description: 'A proposal to change the Smart Energy Code: a Draft Proposal (DP…) or a Modification Proposal (MP…, SECMP…), with everything the register holds of it.', simpleResolvers: true })
@Entity('modification')
export class Modification {
  @Field(() => ID, { description: "The proposal's id (stable through a conversion; its reference may change)." })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'DP156, MP107, SECMP0015: unique, as the Code Administrator writes it.' })
  @Column('text', { unique: true })
  reference!: string;

  @Field(() => String, { nullable: true, description: 'Null only for records imported from a source that did not give it.' })
  @Column('text', { nullable: true })
  title!: string | null;

  @Field(() => String, { description: 'What it is about (its background).', nullable: true })
  @Column('text', { nullable: true })
  summary!: string | null;

  @Field(() => String, { description: "SECAS's note on it.", nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => ModificationKind, { description: 'Draft Proposal or Modification Proposal.' })
  @Column('text')
  kind!: ModificationKind;

  @Field(() => ModificationPhase, { description: 'Where it stands in the process now (or on filter.asOf, for a page as of a day).' })
  @Column('text')
  phase!: ModificationPhase;

  @Field(() => DecisionPath, { description: 'Who decides it in the end, once known.', nullable: true })
  @Column('text', { nullable: true })
  path!: DecisionPath | null;

  @Field(() => String, { description: 'Who raised it.', nullable: true })
  @Column('text', { nullable: true })
  proposer!: string | null;

  @Field(() => String, { description: 'The organisation that raised it.', nullable: true })
  @Column('text', { name: 'proposer_organisation', nullable: true })
  proposerOrganisation!: string | null;

  @Field(() => LocalDateScalar, { description: 'When it was raised.', nullable: true })
  @Column('date', { name: 'raised_on', nullable: true })
  raisedOn!: LocalDate | null;

  @Field({ description: 'Whether work on it is on hold.' })
  @Column('boolean', { name: 'on_hold', default: false })
  onHold!: boolean;

  @Field(() => String, { description: 'Why it is on hold.', nullable: true })
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
