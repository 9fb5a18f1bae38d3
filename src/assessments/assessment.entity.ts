import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { LocalDateScalar } from '../graphql/scalars';
import { AssessmentType } from './assessment.enums';

/** A DCC Preliminary or Impact Assessment of one proposal. */
/** A cost as the API gives it (pounds, a number) from the column's exact text (pence kept); null for none. */
export function costInPounds(text: string | null | undefined): number | null {
  return text === null || text === undefined ? null : Number(text);
}

@ObjectType({ description: 'A DCC Preliminary or Impact Assessment of a proposal: its request, acceptance, pauses and return, and its SLA position on any day.', simpleResolvers: true })
@Entity('assessment')
@Index(['modificationId'])
export class Assessment {
  @Field(() => ID, { description: 'The assessment, for the mutations that change it.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Field(() => AssessmentType, { description: 'Preliminary (15 Working Days) or Impact (40) Assessment.' })
  @Column('text')
  type!: AssessmentType;

  @Field(() => String, { nullable: true, description: "The DCC's change request number, e.g. CR1352." })
  @Column('text', { name: 'change_request', nullable: true })
  changeRequest!: string | null;

  @Field(() => LocalDateScalar, { description: 'When SECAS asked the DCC for it.', nullable: true })
  @Column('date', { name: 'requested_on', nullable: true })
  requestedOn!: LocalDate | null;

  @Field(() => LocalDateScalar, { description: 'When the DCC accepted the request and its clock started; null until then.', nullable: true })
  @Column('date', { name: 'accepted_on', nullable: true })
  acceptedOn!: LocalDate | null;

  @Field(() => Int, { description: '15 for a Preliminary, 40 for an Impact Assessment, unless set otherwise.' })
  @Column('integer', { name: 'target_working_days' })
  targetWorkingDays!: number;

  @Field(() => LocalDateScalar, { nullable: true, description: "The DCC's latest expected completion date, where it has revised one." })
  @Column('date', { name: 'expected_completion_on', nullable: true })
  expectedCompletionOn!: LocalDate | null;

  @Field(() => LocalDateScalar, { description: 'When the DCC returned it and its clock stopped; null while it is open.', nullable: true })
  @Column('date', { name: 'returned_on', nullable: true })
  returnedOn!: LocalDate | null;

  /** numeric in PostgreSQL (exact pence); pg hands it over as a string. */
  @Column('numeric', { name: 'cost_gbp', precision: 14, scale: 2, nullable: true })
  costGbpText!: string | null;

  @Field(() => Float, { nullable: true, description: 'What the DCC charged for it, in pounds.' })
  get costGbp(): number | null {
    return costInPounds(this.costGbpText);
  }

  @Field(() => String, { description: "The DCC's commentary on where it stands.", nullable: true })
  @Column('text', { nullable: true })
  commentary!: string | null;

  @Field(() => String, { description: "SECAS's note on it (where it came from, what the papers printed).", nullable: true })
  @Column('text', { nullable: true })
  note!: string | null;

  @Field(() => Int, { description: "Goes up with every change; calendar feeds send it as the target event's SEQUENCE." })
  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
