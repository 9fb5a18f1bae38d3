import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { AssessmentType } from './assessment.enums';

/** A DCC Preliminary or Impact Assessment of one proposal. */
@ObjectType({ simpleResolvers: true })
@Entity('assessment')
@Index(['modificationId'])
export class Assessment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Field(() => AssessmentType)
  @Column('text')
  type!: AssessmentType;

  @Field(() => String, { nullable: true, description: "The DCC's change request number, e.g. CR1352." })
  @Column('text', { name: 'change_request', nullable: true })
  changeRequest!: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column('date', { name: 'requested_on', nullable: true })
  requestedOn!: LocalDate | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column('date', { name: 'accepted_on', nullable: true })
  acceptedOn!: LocalDate | null;

  @Field(() => Int, { description: '15 for a Preliminary, 40 for an Impact Assessment, unless set otherwise.' })
  @Column('integer', { name: 'target_working_days' })
  targetWorkingDays!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: "The DCC's latest expected completion date, where it has revised one." })
  @Column('date', { name: 'expected_completion_on', nullable: true })
  expectedCompletionOn!: LocalDate | null;

  @Field(() => LocalDateScalar, { nullable: true })
  @Column('date', { name: 'returned_on', nullable: true })
  returnedOn!: LocalDate | null;

  /** numeric in PostgreSQL (exact pence); pg hands it over as a string. */
  @Column('numeric', { name: 'cost_gbp', precision: 14, scale: 2, nullable: true })
  costGbpText!: string | null;

  @Field(() => Float, { nullable: true })
  get costGbp(): number | null {
    return this.costGbpText === null || this.costGbpText === undefined ? null : Number(this.costGbpText);
  }

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  commentary!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => Int)
  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
