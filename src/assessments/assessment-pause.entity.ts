import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '../calendar/local-date';

/**
 * A stop of an assessment's clock: Working Days d with from <= d < to do not count.
 * The database refuses overlapping pauses and a second open one.
 */
// Its GraphQL face, field by field with what each means: AssessmentPauseObject (assessment-pause.graphql-types.ts).
@Entity('assessment_pause')
@Index(['assessmentId'])
export class AssessmentPause {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'assessment_id' })
  assessmentId!: string;

  @Column('date', { name: 'from_on' })
  from!: LocalDate;

  @Column('date', { name: 'to_on', nullable: true })
  to!: LocalDate | null;

  @Column('text')
  reason!: string;
}
