import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';
import { AssessmentType } from './assessment.enums';

/** A DCC Preliminary or Impact Assessment of one proposal. */
/** A cost as the API gives it (pounds, a number) from the column's exact text (pence kept); null for none. */
export function costInPounds(text: string | null | undefined): number | null {
  return text === null || text === undefined ? null : Number(text);
}

// Its GraphQL face, field by field with what each means: AssessmentObject (assessment.graphql-types.ts).
@Entity('assessment')
@Index(['modificationId'])
export class Assessment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'modification_id' })
  modificationId!: string;

  @Column('text')
  type!: AssessmentType;

  @Column('text', { name: 'change_request', nullable: true })
  changeRequest!: string | null;

  @Column('date', { name: 'requested_on', nullable: true })
  requestedOn!: LocalDate | null;

  @Column('date', { name: 'accepted_on', nullable: true })
  acceptedOn!: LocalDate | null;

  @Column('integer', { name: 'target_working_days' })
  targetWorkingDays!: number;

  @Column('date', { name: 'expected_completion_on', nullable: true })
  expectedCompletionOn!: LocalDate | null;

  @Column('date', { name: 'returned_on', nullable: true })
  returnedOn!: LocalDate | null;

  /** numeric in PostgreSQL (exact pence); pg hands it over as a string. */
  @Column('numeric', { name: 'cost_gbp', precision: 14, scale: 2, nullable: true })
  costGbpText!: string | null;

  get costGbp(): number | null {
    return costInPounds(this.costGbpText);
  }

  @Column('text', { nullable: true })
  commentary!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('integer', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
